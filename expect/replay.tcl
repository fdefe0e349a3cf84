#!/usr/bin/expect -f
# Replays a .vmm sequence one command at a time, for people (scripts/replay)
# and for scripts/compare. Unlike run-vmm.exp it shows every step:
#
#   [3/9] launch
#   VM-exit: HLT (12) qual=0x0000000000000000 rip=0x0000000000001000 len=1
#     ok  # expect: ^VM-exit: HLT \(12\)
#
# --step          wait for Enter before each command (q Enter: stop there)
# --keep-going    run every step even after a check failed (scripts/compare)
# --transcript F  write "=== N: COMMAND" and the output of every step to F
# At the first failed check it stops; on a terminal the monitor is then
# handed over (`interact`: type commands, Ctrl-] to leave), elsewhere it is
# powered off. Exit status: 0 when every check held, 1 otherwise.
#
# usage: expect/replay.tcl [--backend B] [--cpu MODEL] [--log FILE] [-v]
#                          [--step] [--keep-going] [--transcript F] FILE.vmm

source [file join [file dirname [info script]] lib.tcl]
source [file join [file dirname [info script]] vmm.tcl]

namespace eval replay {
	variable step_mode 0
	variable keep_going 0
	variable transcript ""
	variable failures 0
}

proc replay::options {argv} {
	set rest {}
	while {[llength $argv]} {
		set argv [lassign $argv a]
		switch -- $a {
			--step { set replay::step_mode 1 }
			--keep-going { set replay::keep_going 1 }
			--transcript { set argv [lassign $argv replay::transcript] }
			default { lappend rest $a }
		}
	}
	return $rest
}

# False when the person typed q (stop here).
proc replay::wait_enter {} {
	send_user "  (Enter runs it, q Enter stops) "
	if {[gets stdin answer] < 0} { return 0 }
	return [expr {[string trim $answer] ne "q"}]
}

proc replay::show_check {check ok} {
	lassign $check key re
	send_user "  [expr {$ok ? "ok  " : "FAIL"}] # $key: $re\n"
}

# After an exit line, for a person: the instruction at the exit's RIP,
# read from L2's memory (`gmem read`, which changes nothing) and
# disassembled on the host (scripts/asm2hex --disasm, objdump).
proc replay::show_insn {out} {
	if {![regexp {VM-exit: .* rip=(0x[0-9a-f]+)} $out -> rip]} return
	if {[catch {nm::cmd "gmem read $rip 15"} mem]} return
	if {![regexp {^0x[0-9a-f]+: ([0-9a-f ]+)$} [lindex [split $mem \n] 0] -> bytes]} return
	if {[catch {exec $nm::root/scripts/asm2hex --disasm --at $rip {*}$bytes} dis]} return
	send_user "  at RIP: [lindex [split $dis \n] 0]\n"
}

# One step: run it, show the output and each check; false after a failure.
proc replay::step {n total step fd} {
	lassign $step line lineno checks
	set shown [vmm::subst_caps $line 0 $lineno]
	send_user "\[$n/$total\] $shown\n"
	if {$replay::step_mode && ![replay::wait_enter]} { return 0 }
	nm::clear_result
	if {[catch {nm::check_lines [nm::cmd [nm::expand_asm $shown]]} out]} {
		foreach l $nm::diag { send_user "    $l\n" }
		return 0
	}
	if {$out ne ""} { send_user "$out\n" }
	if {$replay::step_mode} { replay::show_insn $out }
	if {$fd ne ""} { puts $fd "=== $n: $shown\n$out" }
	set ok 1
	set wants_error [expr {[lsearch -index 0 $checks expect-error] >= 0}]
	if {!$wants_error && [llength [nm::error_lines $out]]} {
		send_user "  FAIL an error line, and no # expect-error: for it\n"
		set ok 0
	}
	foreach c $checks {
		set held [expr {![catch {vmm::apply $shown $out $c}]}]
		replay::show_check $c $held
		if {!$held} {
			set ok 0
			foreach l $nm::diag { send_user "    $l\n" }
			nm::clear_result
		}
	}
	return $ok
}

proc replay::main {argv} {
	set files [nm::parse_args [replay::options $argv] \
		"\[--step\] \[--keep-going\] \[--transcript F\] FILE.vmm"]
	if {[llength $files] != 1} { nm::usage "FILE.vmm" }
	set file [lindex $files 0]
	if {[catch {vmm::parse $file} msg]} {
		puts stderr $msg
		exit 2
	}
	set fd [expr {$replay::transcript eq "" ? "" : [open $replay::transcript w]}]
	send_user "# $vmm::title\n# on $nm::backend/$nm::cpu\n"
	nm::boot
	set total [llength $vmm::steps]
	set n 0
	foreach step $vmm::steps {
		incr n
		if {[replay::step $n $total $step $fd]} continue
		incr replay::failures
		if {!$replay::keep_going} break
	}
	if {$fd ne ""} { close $fd }
	if {$replay::failures && !$replay::keep_going && [stdin_is_tty]} {
		send_user "# stopped at step $n: the monitor is yours (Ctrl-] leaves)\n"
		interact
		exit 1
	}
	nm::poweroff
	send_user "# [expr {$replay::failures ? "$replay::failures step(s) differ from the sequence" : "every check held"}]\n"
	exit [expr {$replay::failures ? 1 : 0}]
}

proc stdin_is_tty {} {
	return [expr {![catch {exec test -t 0 <@stdin}]}]
}

replay::main $argv
