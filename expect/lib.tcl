# Procedures shared by the expect sequences: boot a backend, talk to the
# monitor's prompt, check what it printed, and report one TAP test point.
#
# A sequence file (.exp) looks like this (docs/harness.md lists the procs):
#
#   source [file join [file dirname [info script]] lib.tcl]
#   nm::main {
#       set out [nm::cmd "cpuid 0"]
#       nm::expect_line $out {^eax=0x[0-9a-f]{8} } "cpuid 0 prints the registers"
#   }
#
# and takes the options of nm::parse_args on its command line. The batch
# runner (expect/batch.exp) sources .exp files into one process: then this
# file is read once.
if {[info exists ::nm::loaded]} return

# The suite runs Bochs flat out (scripts/run's default, for people, sleeps
# while the monitor idles); a setting from the caller wins.
if {![info exists ::env(NESTMON_BOCHS_SYNC)]} { set ::env(NESTMON_BOCHS_SYNC) none }
# The serial line stays on TCP (scripts/run): Bochs' pty mode is faster per
# command but loses typed-ahead input, which random-input.exp sends on
# purpose (NESTMON_SERIAL_PTY=1 picks it for an experiment).

namespace eval nm {
	variable loaded 1
	variable root [file normalize [file join [file dirname [info script]] ..]]
	variable backend auto
	variable cpu ""
	variable logfile ""
	variable verbose 0
	variable boot_timeout 60   ;# seconds from start to the first prompt
	variable cmd_timeout 60    ;# seconds from a command to the next prompt
	variable prompt {vmm> }   ;# SHELL_PROMPT of monitor/shell.h
	# the prompt at the start of a line, as the last thing printed
	variable prompt_re "(?:^|\n)[regsub -all {[][\\.*+?^$(){}|]} $prompt {\\&}]\$"
	variable diag {}           ;# diagnostic lines of a failure
	variable diag_context {}   ;# lines to show with any failure (seeds...)
	variable booted 0
	variable dead 0            ;# the spawned run ended (eof)
	variable hung 0            ;# a command got no prompt back
	variable at_prompt 0       ;# nothing sent since the last prompt
	variable features ""
	variable features_read 0
	variable deadline 0        ;# clock milliseconds a sequence must end by (0: none)
	variable seq_timeout 0     ;# the --timeout behind the deadline, in seconds
	variable used 0            ;# something was sent since the last reset/boot
}

# --- options ----------------------------------------------------------------

proc nm::usage {extra} {
	puts stderr "usage: [file tail $::argv0] \[--backend B\] \[--cpu MODEL\]\
		\[--log FILE\] \[-v\] $extra"
	exit 2
}

# Reads --backend, --cpu, --log, --features and -v; returns the other
# arguments. --features "WORD..." (as `info` prints them; scripts/check asks
# once per configuration) lets a sequence be skipped without a boot.
proc nm::parse_args {argv {extra ""}} {
	variable backend
	variable cpu
	variable logfile
	variable verbose
	set rest {}
	while {[llength $argv]} {
		set argv [lassign $argv opt]
		switch -- $opt {
			--backend { set argv [lassign $argv backend] }
			--cpu     { set argv [lassign $argv cpu] }
			--log     { set argv [lassign $argv logfile] }
			--features {
				set argv [lassign $argv words]
				nm::set_features $words
			}
			-v        { set verbose 1 }
			-h - --help { nm::usage $extra }
			default {
				if {[string match -* $opt]} { nm::usage $extra }
				lappend rest $opt
			}
		}
	}
	nm::resolve_config
	return $rest
}

# Asks scripts/run which backend and CPU model the options mean.
proc nm::resolve_config {} {
	variable root
	variable backend
	variable cpu
	variable boot_timeout
	variable cmd_timeout
	set args [list --backend $backend --print-config]
	if {$cpu ne ""} { lappend args --cpu $cpu }
	if {[catch {exec $root/scripts/run {*}$args} config]} {
		puts stderr $config
		exit 2
	}
	lassign $config backend cpu
	if {$backend ne "bochs"} {
		set boot_timeout 30
		set cmd_timeout 20
	}
}

# --- talking to the monitor -----------------------------------------------

proc nm::boot {} {
	variable root
	variable backend
	variable cpu
	variable boot_timeout
	variable booted
	variable logfile
	variable verbose
	global spawn_id
	log_user $verbose
	if {$logfile ne ""} { log_file -a -noappend $logfile }
	match_max -d 4000000   ;# bytes kept between two prompts (default 2000)
	set ::stty_init "raw -echo"
	spawn -noecho $root/scripts/run --backend $backend --cpu $cpu \
		--serial stdio
	set booted 1
	nm::wait_prompt $boot_timeout "boot"
}

# The seconds a wait may take: timeout, cut to what is left before the
# sequence's deadline (scripts/check --timeout). Sets late when cut.
proc nm::limit {timeout lateVar} {
	upvar 1 $lateVar late
	set late 0
	if {$nm::deadline == 0} { return $timeout }
	set left [expr {max(1, ($nm::deadline - [clock milliseconds] + 999) / 1000)}]
	if {$left < $timeout} {
		set late 1
		return $left
	}
	return $timeout
}

# What a wait that ran into the deadline says it waited for.
proc nm::late_what {what late} {
	if {!$late} { return $what }
	return "$what (the sequence ran into its limit of $nm::seq_timeout s)"
}

# Waits for the prompt; returns everything printed before it.
proc nm::wait_prompt {timeout what} {
	variable prompt
	variable prompt_re
	variable dead
	variable hung
	variable at_prompt
	set timeout [nm::limit $timeout late]
	set what [nm::late_what $what $late]
	expect {
		-re $prompt_re {
			set at_prompt 1
			return [string range $expect_out(buffer) 0 end-[string length $prompt]]
		}
		full_buffer {
			set hung 1
			nm::fail "more output than match_max keeps after $what" \
				"a prompt within [match_max] bytes" \
				[string range $expect_out(buffer) end-4000 end]
		}
		timeout {
			set hung 1
			nm::fail "no prompt within $timeout s after $what" \
				"a line starting with `$prompt`" [nm::pending]
		}
		eof {
			set dead 1
			nm::fail "the machine stopped after $what" \
				"a line starting with `$prompt`" $expect_out(buffer)
		}
	}
}

# What the monitor printed that no expect consumed yet.
proc nm::pending {} {
	variable dead
	expect {
		-timeout 0
		-re ".+" { return $expect_out(buffer) }
		eof { set dead 1; return $expect_out(buffer) }
		timeout { return "" }
	}
}

# Cleans terminal output: no CR, and no ANSI sequences or BEL.
proc nm::clean {text} {
	regsub -all {\x1b\[[0-9;]*[A-Za-z]} $text "" text
	return [string map [list \r "" \a ""] $text]
}

# Splits the text before a prompt into the echoed line and the output.
proc nm::output_of {raw} {
	set lines [split [nm::clean $raw] \n]
	set out [lrange $lines 1 end]
	if {[lindex $out end] eq ""} { set out [lrange $out 0 end-1] }
	return [join $out \n]
}

# Sends one command line; returns its output lines (newline-separated,
# without the echoed command and without CR).
proc nm::cmd {line {timeout ""}} {
	variable cmd_timeout
	if {$timeout eq ""} { set timeout $cmd_timeout }
	set nm::at_prompt 0
	set nm::used 1
	send -- "$line\r"
	return [nm::output_of [nm::wait_prompt $timeout "`$line`"]]
}

# Waits until what the monitor printed (raw: CR and escapes kept) matches
# re; returns it up to the end of the match.
proc nm::wait_for {re timeout what} {
	variable dead
	set timeout [nm::limit $timeout late]
	set what [nm::late_what $what $late]
	expect {
		-re $re { return $expect_out(buffer) }
		timeout {
			nm::fail "$what: nothing matching within $timeout s" \
				"output matching /$re/" [nm::pending]
		}
		eof {
			set dead 1
			nm::fail "$what: the machine stopped" \
				"output matching /$re/" $expect_out(buffer)
		}
	}
}

# Sends bytes as they are (no Enter added).
proc nm::send_raw {bytes} {
	set nm::at_prompt 0
	set nm::used 1
	send -- $bytes
}

# Reads and returns whatever arrives until the line is quiet for quiet_ms.
proc nm::drain {{quiet_ms 500}} {
	variable dead
	set got ""
	set timeout [expr {$quiet_ms / 1000.0}]
	expect {
		-re ".+" {
			append got $expect_out(buffer)
			exp_continue
		}
		timeout {}
		eof { set dead 1 }
	}
	return $got
}

# Ends the machine with `poweroff` and checks that scripts/run ended cleanly.
proc nm::poweroff {} {
	variable booted
	variable dead
	variable hung
	if {!$booted} return
	set booted 0
	if {$hung} {
		catch close
		catch wait
		return
	}
	set seen ""
	if {!$dead && !$nm::at_prompt} {
		# Something is half typed or running: Ctrl-C to get the prompt back.
		send -- "\x03"
		catch {nm::wait_prompt 10 "Ctrl-C"}
	}
	if {!$dead} {
		send -- "poweroff\r"
		set timeout 30
		expect {
			eof { set seen $expect_out(buffer) }
			timeout {
				set seen [nm::pending]
				catch close
				catch wait
				nm::note_failure "`poweroff` did not end the machine within\
					30 s" "the emulator to exit" $seen
				return
			}
		}
	}
	lassign [wait] pid spawn_id oserr status
	if {$status != 0 && ![nm::failed]} {
		nm::note_failure "scripts/run ended with status $status" \
			"status 0 (a clean power-off)" $seen
	}
}

# --- checks -------------------------------------------------------------------

# Formats text as indented diagnostic lines (at most max lines).
proc nm::quote {text {max 40}} {
	set lines [split [string trimright [nm::clean $text] \n] \n]
	set out {}
	if {[llength $lines] > $max} {
		set skip [expr {[llength $lines] - $max}]
		lappend out "    | ... $skip lines before"
		set lines [lrange $lines $skip end]
	}
	foreach l $lines { lappend out "    | $l" }
	if {![llength $lines]} { lappend out "    (nothing)" }
	return $out
}

proc nm::failed {} {
	variable diag
	return [expr {[llength $diag] > 0}]
}

# Records a failure without stopping (the first one is kept in front).
proc nm::note_failure {what expected seen} {
	variable diag
	lappend diag "  $what" "  expected: $expected" "  seen:" {*}[nm::quote $seen]
}

# Records a failure and ends the test's body.
proc nm::fail {what expected seen} {
	nm::note_failure $what $expected $seen
	return -code error -errorcode {NM FAIL} $what
}

# Ends the test's body with a SKIP.
proc nm::skip {reason} {
	return -code error -errorcode {NM SKIP} $reason
}

# Fails unless some line of out matches the regular expression re.
proc nm::expect_line {out re what} {
	if {![nm::match_line $out $re]} {
		nm::fail $what "a line matching /$re/" $out
	}
}

# Fails when some line of out matches re.
proc nm::expect_no_line {out re what} {
	if {[nm::match_line $out $re line]} {
		nm::fail $what "no line matching /$re/ (this one does: $line)" $out
	}
}

# True when a line of text matches re; the line goes to lineVar.
proc nm::match_line {text re {lineVar ""}} {
	if {$lineVar ne ""} { upvar 1 $lineVar line }
	foreach line [split $text \n] {
		if {[regexp -- $re $line]} { return 1 }
	}
	return 0
}

# The lines of out that start with `error: `.
proc nm::error_lines {out} {
	return [lsearch -all -inline -regexp [split $out \n] {^error: }]
}

# --- capabilities and known deviations ----------------------------------------

# The words of the `features:` line of `info` ("none" gives an empty list).
proc nm::features {} {
	variable features_read
	if {!$features_read} {
		set out [nm::cmd info]
		if {![regexp -line {^features:[ \t]*(.*)$} $out -> words]} {
			nm::fail "`info` printed no features line" \
				"a line `features: WORD...` (or `features: none`)" $out
		}
		nm::set_features $words
	}
	return $nm::features
}

proc nm::set_features {words} {
	set nm::features [lsearch -all -inline -not -exact $words none]
	set nm::features_read 1
}

# Skips the test unless the CPU has every capability named in reqs.
# `!WORD` asks for a CPU without WORD; `novmx` is `!vmx`.
proc nm::require {reqs} {
	if {![llength $reqs]} return
	set have [nm::features]
	foreach r $reqs {
		if {$r eq "none"} continue
		if {$r eq "novmx"} { set r !vmx }
		if {[string index $r 0] eq "!"} {
			set w [string range $r 1 end]
			if {$w in $have} { nm::skip "has $w (wants $r)" }
		} elseif {$r ni $have} {
			nm::skip "missing $r"
		}
	}
}

# The reason given for a test in the deviation lists of this backend and
# CPU model (expect/deviations-BACKEND.txt, deviations-BACKEND-CPU.txt).
proc nm::deviation {test} {
	variable root
	variable backend
	variable cpu
	foreach f [list deviations-$backend.txt deviations-$backend-$cpu.txt] {
		set path [file join $root expect $f]
		if {![file readable $path]} continue
		set fd [open $path]
		set lines [split [read $fd] \n]
		close $fd
		foreach l $lines {
			if {[regexp {^\s*#} $l]} continue
			if {[regexp {^(\S+)\s+(.*\S)} $l -> seq reason] && $seq eq $test} {
				return [list $reason $f]
			}
		}
	}
	return ""
}

# --- one test point ------------------------------------------------------------

# Runs body in the scope `level` (as uplevel takes it) on the machine
# booted already (booting it first when it is not), after checking
# requires; returns the SKIP reason, or "" (failures are in nm::diag).
proc nm::run_body {level body requires} {
	if {[catch {
		if {!$nm::booted} nm::boot
		nm::require $requires
		uplevel $level $body
	} msg opts]} {
		switch -- [dict get $opts -errorcode] {
			{NM FAIL} {}
			{NM SKIP} { return $msg }
			default {
				nm::note_failure "internal error: $msg" "no Tcl error" \
					[dict get $opts -errorinfo]
			}
		}
	}
	return ""
}

# The SKIP reason when the features are known and reqs are not met.
proc nm::skip_without_boot {reqs} {
	if {$nm::features_read && [catch {nm::require $reqs} msg]} {
		return $msg
	}
	return ""
}

# Forgets the outcome of the last test point (the batch runner's next one).
proc nm::clear_result {} {
	set nm::diag {}
	set nm::diag_context {}
	set nm::deadline 0
	set nm::check_todo {}
	set nm::check_passed {}
	set nm::check_failed {}
	set nm::check_count {0 0 0 0}
}

# Runs body (in the caller's scope) on a fresh boot and prints its TAP line.
# With the features known already (--features), a sequence that requires
# what the CPU lacks is skipped without a boot. Exits 0 for ok, SKIP and
# TODO, 1 for a failure.
proc nm::test {name body {requires {}}} {
	puts "1..1"
	set skip [nm::skip_without_boot $requires]
	if {$skip ne ""} {
		exit [nm::report $name $skip]
	}
	set skip [nm::run_body 2 $body $requires]
	nm::poweroff
	exit [nm::report $name $skip]
}

# Boots, prints the `features: ...` line of `info`, powers off.
proc nm::probe_features {} {
	if {[catch {nm::boot; nm::features} msg]} {
		puts stderr "no features: $msg"
		nm::poweroff
		exit 1
	}
	puts "features: [nm::features_line]"
	nm::poweroff
	exit 0
}

proc nm::features_line {} {
	set words [join $nm::features " "]
	return [expr {$words eq "" ? "none" : $words}]
}

# The whole of a .exp file: options from the command line, the test named
# after the file, body run in the global scope.
proc nm::main {body} {
	nm::parse_args $::argv
	uplevel #0 [list nm::test [file rootname [file tail $::argv0]] $body]
}

# Prints the TAP line; returns the exit status.
proc nm::report {name skip} {
	lassign [nm::result $name $skip] status lines
	foreach l $lines { puts $l }
	return $status
}

# The TAP line and diagnostics of test point name, and the exit status
# (0 for ok, SKIP and TODO, 1 for a failure), as {status lines}. With
# strict, a failure is one even when the sequence is a known deviation.
proc nm::result {name skip {strict 0}} {
	variable backend
	variable cpu
	variable diag
	set dev [expr {$strict ? "" : [nm::deviation $name]}]
	if {$skip ne ""} {
		return [list 0 [list "ok 1 - $name # SKIP $skip"]]
	}
	set diags {}
	foreach l [concat $nm::diag_context $diag] { lappend diags "# $l" }
	if {$dev ne ""} {
		lassign $dev reason file
		if {![nm::failed]} {
			return [list 0 [list "ok 1 - $name # TODO $backend: $reason (now\
				passes: remove from list)" "# NEWS: $name passes on\
				$backend/$cpu: remove it from expect/$file"]]
		}
		return [list 0 [list "not ok 1 - $name # TODO $backend: $reason" {*}$diags]]
	}
	if {![nm::failed]} {
		return [list 0 [nm::result_checks $name]]
	}
	return [list 1 [list "not ok 1 - $name" {*}[nm::check_count_lines] \
		"# on $backend/$cpu:" {*}$diags]]
}

# --- the `check` command's lines ------------------------------------------------

namespace eval nm {
	variable check_todo {}   ;# "check:RULE: reason" of the known deviations seen
	variable check_passed {} ;# listed rules with a passing check
	variable check_failed {} ;# listed rules with a failing check
	variable check_count {0 0 0 0} ;# passed, failed, skipped, known deviations
}

# Reads the per-check lines of a `check` command's output ("ok   RULE ...",
# "FAIL RULE ...", "skip RULE: ..."). A FAIL of a rule listed as
# "check:RULE reason" in this backend's deviations is a known deviation, not
# a failure; a listed rule none of whose checks fails is news. Returns the
# output with the summary's failed count lowered by the known deviations, so
# that the sequence's "# expect: ... 0 failed" asserts the SDM for the rest.
proc nm::check_lines {out} {
	variable check_todo
	variable check_passed
	variable check_failed
	variable check_count
	lassign $check_count pass fail skip known
	set kn 0
	foreach l [split $out \n] {
		if {![regexp {^(ok  |FAIL|skip) ([a-z0-9-]+)} $l -> v rule]} continue
		set dev [nm::deviation check:$rule]
		switch -- $v {
			"ok  " {
				incr pass
				if {$dev ne ""} { lappend check_passed $rule }
			}
			skip { incr skip }
			FAIL {
				if {$dev eq ""} { incr fail; continue }
				incr kn
				lappend check_failed $rule
				set item "check:$rule: [lindex $dev 0]"
				if {$item ni $check_todo} { lappend check_todo $item }
			}
		}
	}
	set check_count [list $pass $fail $skip [expr {$known + $kn}]]
	set re {check: (\d+) checks: (\d+) passed, (\d+) failed}
	if {$kn && [regexp $re $out -> t p f]} {
		regsub $re $out "check: $t checks: $p passed, [expr {$f - $kn}] failed\
			($kn known deviations)" out
	}
	return $out
}

# The listed rules that passed every time they ran here: news.
proc nm::check_news {} {
	variable check_passed
	variable check_failed
	set news {}
	foreach r [lsort -unique $nm::check_passed] {
		if {$r ni $check_failed} { lappend news check:$r }
	}
	return $news
}

# The TAP lines of a sequence that passed, where `check` lines may have
# shown known deviations (TODO) or listed rules that now pass (news).
proc nm::result_checks {name} {
	variable backend
	variable cpu
	variable check_todo
	set news [nm::check_news]
	if {[llength $check_todo]} {
		set lines [list "not ok 1 - $name # TODO $backend: [join $check_todo {; }]"]
	} elseif {[llength $news]} {
		set lines [list "ok 1 - $name # TODO $backend: [join $news {, }] (now\
			passes: remove from list)"]
	} else {
		set lines [list "ok 1 - $name"]
	}
	foreach r $news {
		lappend lines "# NEWS: $r passes on $backend/$cpu: remove it from the deviations list"
	}
	return [concat $lines [nm::check_count_lines]]
}

proc nm::check_count_lines {} {
	lassign $nm::check_count pass fail skip known
	if {$pass + $fail + $skip + $known} {
		return [list "# checks: $pass passed, $fail failed, $skip skipped, $known known deviations"]
	}
	return {}
}

# "guest asm CODE" is assembled on the host (scripts/asm2hex, GNU as) into
# "guest code HEX...", the command the monitor takes; other lines pass as
# they are. A line that does not assemble fails the sequence with as's
# message.
proc nm::expand_asm {line} {
	variable root
	if {![regexp {^guest\s+asm\s+(.*)$} $line -> code]} { return $line }
	if {[catch {exec $root/scripts/asm2hex $code} hex]} {
		nm::fail "`$line` does not assemble" "AT&T syntax for GNU as" $hex
	}
	return "guest code $hex"
}
