#!/usr/bin/expect -f
# Records a session at the monitor as a .vmm that replays it (scripts/record).
#
# Lines are read from standard input (a terminal or a file), sent to the
# monitor one at a time, and what it printed is shown. At the end (EOF, or
# a line `quit`) the sequence is written to FILE:
#   - `exact on` first (the session runs with it: replays are exact), then
#     every command as typed (`guest asm ...` stays assembly), `# ...` lines
#     kept as comments;
#   - an `# expect:` for every exit line ("VM-exit: ...", "VM-entry failed:
#     ...") and an `# expect-error:` for every `error: ` line;
#   - values that change from run to run (addresses the monitor allocated:
#     0x100000 and up) match any number; where a later command types one
#     the monitor printed, it becomes a `# capture:` and a $name.
#
# usage: expect/record.tcl [--backend B] [--cpu MODEL] [--log FILE] [-v]
#                          [--title TEXT] -o FILE.vmm

source [file join [file dirname [info script]] lib.tcl]

namespace eval rec {
	variable out_file ""
	variable title ""
	variable lines {}     ;# {kind text output}: kind command or comment
	variable volatile_min 0x100000
}

proc rec::options {argv} {
	set rest {}
	while {[llength $argv]} {
		set argv [lassign $argv a]
		switch -- $a {
			-o { set argv [lassign $argv rec::out_file] }
			--title { set argv [lassign $argv rec::title] }
			default { lappend rest $a }
		}
	}
	return $rest
}

proc rec::re_quote {s} {
	regsub -all {[][{}()*+?.\\^$|]} $s {\\&} s
	return $s
}

# A regular expression for line: literal, but for volatile numbers; the
# one at index keep (a token index, or -1) becomes the capture group.
proc rec::line_re {line {keep -1}} {
	set re ""
	set i 0
	set n 0
	foreach {all s e} [rec::hex_tokens $line] {
		append re [rec::re_quote [string range $line $i [expr {$s - 1}]]]
		if {$n == $keep} {
			append re {(0x[0-9a-f]+)}
		} elseif {[rec::volatile $all]} {
			append re {0x[0-9a-f]+}
		} else {
			append re [rec::re_quote $all]
		}
		set i [expr {$e + 1}]
		incr n
	}
	return "^$re[rec::re_quote [string range $line $i end]]\$"
}

# {token start end ...} for each 0x number in text.
proc rec::hex_tokens {text} {
	set r {}
	foreach pos [regexp -all -indices -inline {0x[0-9a-fA-F]+} $text] {
		lassign $pos s e
		lappend r [string range $text $s $e] $s $e
	}
	return $r
}

proc rec::volatile {tok} {
	return [expr {$tok >= $rec::volatile_min}]
}

# The session: read, send, show, keep. It runs with `exact on` (the first
# line of the recording too), so that it replays with the VMCS exactly as
# written: no polling control added behind the user (docs/l2.md).
proc rec::session {} {
	if {[catch {nm::cmd "exact on"} out]} {
		send_user "[join $nm::diag \n]\n"
		return
	}
	send_user "exact on\n$out\n"
	lappend rec::lines [list command "exact on" ""]
	while {1} {
		send_user "vmm> "
		if {[gets stdin line] < 0} break
		set line [string trim $line]
		if {$line eq "quit"} break
		if {$line eq ""} continue
		if {[string index $line 0] eq "#"} {
			lappend rec::lines [list comment $line ""]
			continue
		}
		if {[catch {nm::cmd [nm::expand_asm $line]} out]} {
			send_user "[join $nm::diag \n]\n"
			break
		}
		if {$out ne ""} { send_user "$out\n" }
		lappend rec::lines [list command $line $out]
	}
	send_user "\n"
}

# Where each volatile number was first printed: value -> {record token}.
proc rec::printed_values {} {
	set seen [dict create]
	set r 0
	foreach rec $rec::lines {
		lassign $rec kind text out
		foreach l [split $out \n] {
			set n 0
			foreach {tok s e} [rec::hex_tokens $l] {
				set v [expr {$tok}]
				if {[rec::volatile $tok] && ![dict exists $seen $v]} {
					dict set seen $v [list $r $l $n]
				}
				incr n
			}
		}
		incr r
	}
	return $seen
}

# Commands with typed-in volatile numbers replaced by captures; the
# captures to add, per record: record -> {{name re} ...}.
proc rec::captures {} {
	set seen [rec::printed_values]
	set names [dict create]
	set caps [dict create]
	set r 0
	foreach rec $rec::lines {
		lassign $rec kind text out
		if {$kind eq "command"} {
			set new ""
			set i 0
			foreach {tok s e} [rec::hex_tokens $text] {
				append new [string range $text $i [expr {$s - 1}]]
				set v [expr {$tok}]
				if {[dict exists $seen $v] && [lindex [dict get $seen $v] 0] < $r} {
					if {![dict exists $names $v]} {
						set name "v[expr {[dict size $names] + 1}]"
						dict set names $v $name
						lassign [dict get $seen $v] at l n
						dict lappend caps $at [list $name [rec::line_re $l $n]]
					}
					append new "\$[dict get $names $v]"
				} else {
					append new $tok
				}
				set i [expr {$e + 1}]
			}
			lset rec::lines $r 1 "$new[string range $text $i end]"
		}
		incr r
	}
	return $caps
}

proc rec::write {} {
	set caps [rec::captures]
	set fd [open $rec::out_file w]
	set t [expr {$rec::title ne "" ? $rec::title : "Recorded with scripts/record on $nm::backend/$nm::cpu"}]
	puts $fd "# $t"
	set vmx [expr {[lsearch -regexp [lmap r $rec::lines {lindex $r 2}] {(^|\n)VMXON ok}] >= 0}]
	if {$vmx} { puts $fd "# requires: vmx" }
	set r 0
	foreach rec $rec::lines {
		lassign $rec kind text out
		puts $fd $text
		foreach l [split $out \n] {
			if {[regexp {^(VM-exit: |VM-entry failed: )} $l]} {
				puts $fd "# expect: [rec::line_re $l]"
			} elseif {[regexp {^error: } $l]} {
				puts $fd "# expect-error: [rec::line_re $l]"
			}
		}
		if {[dict exists $caps $r]} {
			foreach c [dict get $caps $r] { puts $fd "# capture: [join $c { }]" }
		}
		incr r
	}
	close $fd
	send_user "# wrote $rec::out_file: [llength $rec::lines] line(s)\n"
}

proc rec::main {argv} {
	set rest [nm::parse_args [rec::options $argv] "\[--title TEXT\] -o FILE.vmm"]
	if {$rec::out_file eq "" || [llength $rest]} {
		nm::usage "\[--title TEXT\] -o FILE.vmm"
	}
	nm::boot
	send_user "# recording on $nm::backend/$nm::cpu: type commands; quit (or end of input) writes $rec::out_file\n"
	rec::session
	rec::write
	nm::poweroff
	exit 0
}

rec::main $argv
