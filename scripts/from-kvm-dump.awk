# from-kvm-dump.awk: the parser behind scripts/from-kvm-dump. One KVM
# dump_vmcs() block in (Linux arch/x86/kvm/vmx/vmx.c), a .vmm out.
# Variables: expect_mode (auto|none|REGEX), guest, src, requires, reasons (the
# exit-reason table, docs/exit-reasons.md).

function hex(s) {
	sub(/^0x/, "", s)
	return "0x" tolower(s)
}

# Value after "key" ("key=V", "key = V", "key: V") on the current line.
function val(key,    rest) {
	if (!match(line, key "[ ]*[=:][ ]*(0x)?[0-9a-fA-F]+"))
		return ""
	rest = substr(line, RSTART, RLENGTH)
	sub(/^[^=:]*[=:][ ]*/, "", rest)
	return hex(rest)
}

function put(field, v) {
	if (v == "")
		return
	nw++
	writes[nw] = "vmwrite " field " " v
}

function note(text) {
	nn++
	notes[nn] = text
}

function seg(name, prefix) {
	put("GUEST_" name "_SELECTOR", val(prefix "sel"))
	put("GUEST_" name "_AR_BYTES", val("attr"))
	put("GUEST_" name "_LIMIT", val("limit"))
	put("GUEST_" name "_BASE", val("base"))
}

function dtr(name) {
	put("GUEST_" name "_LIMIT", val("limit"))
	put("GUEST_" name "_BASE", val("base"))
}

# A field only some CPUs have: written only when the dump sets it.
function put_nonzero(field, v) {
	if (v != "" && v !~ /^0x0+$/)
		put(field, v)
}

function load_reasons(    l, f, n) {
	while ((getline l < reasons) > 0) {
		if (l ~ /^## / && seen_table)
			break
		if (l ~ /^\| [0-9]+ \| `[A-Z_0-9]+`/) {
			seen_table = 1
			split(l, f, "|")
			n = f[2] + 0
			gsub(/[ `]/, "", f[3])
			if (!(n in reason_name))
				reason_name[n] = f[3]
		}
	}
}

BEGIN {
	section = ""
	load_reasons()
}

{
	line = $0
	sub(/\r$/, "", line)
	# kernel-log prefixes: "[    2.779] ", "<3>", "kvm_intel: ", syslog
	sub(/^.*\][ ]+/, "", line)
	sub(/^<[0-9]>/, "", line)
	sub(/^(kvm_intel|kvm|kvm-intel):[ ]*/, "", line)
	sub(/^[ \t]+/, "", line)
}

line ~ /^\*\*\* Guest State/ { section = "guest"; blocks++; next }
line ~ /^\*\*\* Host State/ { section = "host"; next }
line ~ /^\*\*\* Control State/ { section = "control"; next }
line ~ /^VMCS .*last attempted VM-entry/ { note(line); next }

section == "guest" && line ~ /^CR0: / {
	put("GUEST_CR0", val("actual")); put("CR0_READ_SHADOW", val("shadow"))
	put("CR0_GUEST_HOST_MASK", val("gh_mask")); next
}
section == "guest" && line ~ /^CR4: / {
	put("GUEST_CR4", val("actual")); put("CR4_READ_SHADOW", val("shadow"))
	put("CR4_GUEST_HOST_MASK", val("gh_mask")); next
}
section == "guest" && line ~ /^CR3 / { put("GUEST_CR3", val("CR3")); next }
section == "guest" && line ~ /^PDPTR0 / { put("GUEST_PDPTR0", val("PDPTR0")); put("GUEST_PDPTR1", val("PDPTR1")); next }
section == "guest" && line ~ /^PDPTR2 / { put("GUEST_PDPTR2", val("PDPTR2")); put("GUEST_PDPTR3", val("PDPTR3")); next }
section == "guest" && line ~ /^RSP / { put("GUEST_RSP", val("RSP")); put("GUEST_RIP", val("RIP")); next }
section == "guest" && line ~ /^RFLAGS/ { put("GUEST_RFLAGS", val("RFLAGS")); put("GUEST_DR7", val("DR7")); next }
section == "guest" && line ~ /^Sysenter / {
	put("GUEST_SYSENTER_ESP", val("RSP"))
	if (match(line, /CS:RIP=[0-9a-fA-F]+:[0-9a-fA-F]+/)) {
		split(substr(line, RSTART + 7, RLENGTH - 7), cr, ":")
		put("GUEST_SYSENTER_CS", hex(cr[1])); put("GUEST_SYSENTER_EIP", hex(cr[2]))
	}
	next
}
section == "guest" && line ~ /^(CS|DS|SS|ES|FS|GS|TR|LDTR):/ {
	name = line; sub(/:.*/, "", name)
	seg(name, ""); next
}
section == "guest" && line ~ /^(GDTR|IDTR):/ { name = substr(line, 1, 4); dtr(name); next }
section == "guest" && line ~ /^EFER/ {
	put("GUEST_IA32_EFER", val("EFER"))
	if (line ~ /\(effective\)|\(autoload\)/)
		note("EFER " line ": KVM did not load it through the VMCS")
	next
}
section == "guest" && line ~ /^PAT / { put("GUEST_IA32_PAT", val("PAT")); next }
section == "guest" && line ~ /^DebugCtl/ {
	put("GUEST_IA32_DEBUGCTL", val("DebugCtl")); put("GUEST_PENDING_DBG_EXCEPTIONS", val("DebugExceptions")); next
}
section == "guest" && line ~ /^PerfGlobCtl/ { put("GUEST_IA32_PERF_GLOBAL_CTRL", val("PerfGlobCtl")); next }
section == "guest" && line ~ /^BndCfgS/ { put("GUEST_BNDCFGS", val("BndCfgS")); next }
section == "guest" && line ~ /^Interruptibility/ {
	put("GUEST_INTERRUPTIBILITY_INFO", val("Interruptibility")); put("GUEST_ACTIVITY_STATE", val("ActivityState")); next
}
section == "guest" && line ~ /^InterruptStatus/ { put("GUEST_INTR_STATUS", val("InterruptStatus")); next }

# The control lines changed shape over the years ("PinBased=%08x CPUBased=
# %08x SecondaryExec=%08x", later "CPUBased=0x%08x SecondaryExec=... ",
# "PinBased=0x%08x EntryControls=... ExitControls=..."): every key is
# looked for wherever it stands.
section == "control" && line ~ /CPUBased|PinBased|EntryControls|ExitControls/ {
	put("PIN_BASED_VM_EXEC_CONTROL", val("PinBased"))
	put("CPU_BASED_VM_EXEC_CONTROL", val("CPUBased"))
	put("SECONDARY_VM_EXEC_CONTROL", val("SecondaryExec"))
	put_nonzero("TERTIARY_VM_EXEC_CONTROL", val("TertiaryExec"))
	put("VM_ENTRY_CONTROLS", val("EntryControls"))
	put("VM_EXIT_CONTROLS", val("(^|[ ,])ExitControls"))
	put_nonzero("SECONDARY_VM_EXIT_CONTROLS", val("SecondaryExitControls"))
	next
}
section == "control" && line ~ /^ExceptionBitmap/ {
	put("EXCEPTION_BITMAP", val("ExceptionBitmap")); put("PAGE_FAULT_ERROR_CODE_MASK", val("PFECmask"))
	put("PAGE_FAULT_ERROR_CODE_MATCH", val("PFECmatch")); next
}
section == "control" && line ~ /^VMEntry:/ {
	put("VM_ENTRY_INTR_INFO_FIELD", val("intr_info")); put("VM_ENTRY_EXCEPTION_ERROR_CODE", val("errcode"))
	put("VM_ENTRY_INSTRUCTION_LEN", val("ilen")); next
}
section == "control" && line ~ /^reason=/ { exit_reason = val("reason"); exit_qual = val("qualification"); next }
section == "control" && line ~ /^TSC Offset/ { put("TSC_OFFSET", val("Offset")); next }
section == "control" && line ~ /^TSC Multiplier/ { put_nonzero("TSC_MULTIPLIER", val("Multiplier")); next }
section == "control" && line ~ /TPR Threshold/ {
	put("TPR_THRESHOLD", val("Threshold"))
	if (line ~ /addr/) note("KVM's addresses kept out (nestmon's own pages stay): " line)
	next
}
section == "control" && line ~ /APIC.* addr/ { note("KVM's addresses kept out (nestmon's own pages stay): " line); next }
section == "control" && line ~ /^PostedIntrVec/ { put("POSTED_INTR_NV", val("PostedIntrVec")); next }
section == "control" && line ~ /^EPT pointer/ {
	note("EPT pointer " val("pointer") " is KVM's; nestmon's own EPT pointer stays"); next
}
section == "control" && line ~ /^PLE Gap/ { put("PLE_GAP", val("Gap")); put("PLE_WINDOW", val("Window")); next }
section == "control" && line ~ /^Virtual processor ID/ { put("VIRTUAL_PROCESSOR_ID", val("ID")); next }
/MSR (guest|host) auto/ { note("MSR lists are not replayed: " line); next }

END {
	if (blocks != 1) {
		printf "from-kvm-dump: %s: found %d \"*** Guest State ***\" blocks, want one\n", src, blocks > "/dev/stderr"
		exit 1
	}
	print "# Replays the KVM dump_vmcs() block of " src " on nestmon: its control and guest-state fields, nestmon's host state (made by scripts/from-kvm-dump)"
	print "# requires: vmx" (requires != "" ? " " requires : "")
	for (i = 1; i <= nn; i++)
		print "# note: " notes[i]
	print "exact on"
	print "vmxon"
	print "vmcs new"
	print "guest load " guest
	for (i = 1; i <= nw; i++)
		print writes[i]
	print "launch"
	if (expect_mode == "none")
		exit 0
	if (expect_mode != "auto") {
		print "# expect: " expect_mode
		exit 0
	}
	if (exit_reason == "")
		exit 0
	r = strtonum_hex(exit_reason)
	basic = r % 65536
	if (r >= 2147483648) {
		name = (basic in reason_name) ? reason_name[basic] " " : ""
		print "# expect: ^VM-entry failed: " name "\\(" basic "\\)"
	} else {
		print "# the dump's last exit was " ((basic in reason_name) ? reason_name[basic] : basic) " (" basic "), qualification " exit_qual ": not a failed entry, so no expectation"
	}
}

# mawk has no strtonum: hex digits by hand.
function strtonum_hex(s,    i, c, v) {
	sub(/^0x/, "", s)
	v = 0
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(tolower(s), i, 1)) - 1
		v = v * 16 + c
	}
	return v
}
