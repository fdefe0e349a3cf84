# The plain-text sequences (.vmm files): reading one, and replaying its
# steps on the machine lib.tcl talks to. Used by run-vmm.exp (one file, one
# boot) and batch.exp (many files, one boot). The syntax is in
# docs/harness.md and at the top of run-vmm.exp.
if {[info exists ::vmm::loaded]} return

namespace eval vmm {
	variable loaded 1
	variable steps {}      ;# {line lineno checks} per command
	variable requires {}
	variable title ""      ;# the first comment line
	variable captures      ;# NAME -> value
	array set captures {}
}

# --- reading the file ------------------------------------------------------------

# A malformed file: an error the caller reports (run-vmm.exp exits 2, the
# batch runner fails the sequence).
proc vmm::parse_error {file lineno msg} {
	return -code error -errorcode {VMM PARSE} "$file:$lineno: $msg"
}

# Reads a .vmm file into steps and requires, forgetting the previous one.
proc vmm::parse {file} {
	variable steps
	variable requires
	variable title
	variable captures
	set steps {}
	set requires {}
	set title ""
	array unset captures
	set fd [open $file]
	set lines [split [read $fd] \n]
	close $fd
	set lineno 0
	foreach raw $lines {
		incr lineno
		set l [string trim $raw]
		if {$l eq ""} continue
		if {[string index $l 0] ne "#"} {
			lappend steps [list $l $lineno {}]
			continue
		}
		vmm::parse_comment $file $lineno $l
	}
}

# A `#` line: a check for the command above, requirements, or a comment.
proc vmm::parse_comment {file lineno l} {
	variable steps
	variable requires
	variable title
	if {![regexp {^#\s*([a-z-]+):\s*(.*)$} $l -> key arg]} {
		set key ""
	}
	switch -- $key {
		requires {
			lappend requires {*}$arg
			return
		}
		fresh - after {
			# for the runner (scripts/check): a fresh machine, an order
			return
		}
		expect - expect-none - expect-error - capture {}
		default {
			if {[regexp {^(expect|capture|require)} $key]} {
				vmm::parse_error $file $lineno "unknown directive '$key:'"
			}
			if {$title eq ""} { set title [string trim [string range $l 1 end]] }
			return
		}
	}
	if {![llength $steps]} {
		vmm::parse_error $file $lineno "'$key:' before any command"
	}
	set check [list $key $arg $lineno]
	if {$key eq "capture"} {
		if {![regexp {^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$} $arg -> cname re]} {
			vmm::parse_error $file $lineno "capture wants NAME REGEX"
		}
		set check [list capture $re $lineno $cname]
	}
	set last [lindex $steps end]
	lset last 2 [concat [lindex $last 2] [list $check]]
	lset steps end $last
}

# --- substitution --------------------------------------------------------------

# Replaces $NAME and ${NAME} by captured values; in a regex (quote=1) they
# match literally. An expression, ${NAME+0x800} or ${NAME&~0x7}, is worked
# out by vmm::cap_expr; in a command line (quote=0) the braces may be left
# out: $page+0x800, $eptp|0x40, $eptp&~0x7.
proc vmm::subst_caps {text quote lineno} {
	set ops [expr {$quote ? "()" : "((?:$vmm::cap_op$vmm::cap_num)*)"}]
	set re [string cat {\$(?:\{([^{}]*)\}|(} $vmm::cap_name {)} $ops {)}]
	set out ""
	while {[regexp -indices -- $re $text all br nm op]} {
		append out [string range $text 0 [expr {[lindex $all 0] - 1}]]
		if {[lindex $br 0] >= 0} {
			set e [string range $text {*}$br]
		} else {
			set e [string range $text {*}$nm][string range $text {*}$op]
		}
		set text [string range $text [expr {[lindex $all 1] + 1}] end]
		set v [vmm::cap_expr $e $lineno]
		if {$quote} { regsub -all {[][{}()*+?.\\^$|]} $v {\\&} v }
		append out $v
	}
	return $out$text
}

# The pieces of an expression: a name, an operation, a number.
set vmm::cap_name {[A-Za-z_][A-Za-z0-9_]*}
set vmm::cap_op {(&~|[-+|&^])}
set vmm::cap_num {(0[xX][0-9a-fA-F]+|[0-9]+)}

# NAME, or NAME followed by operations on numbers applied left to right
# (+ - | & ^ and &~, "and not"): the captured value as it was captured, or
# the result as 0x and 16 hex digits (modulo 2^64).
proc vmm::cap_expr {e lineno} {
	variable captures
	set ok [regexp [string cat {^(} $vmm::cap_name {)((?:} $vmm::cap_op $vmm::cap_num {)*)$}] \
		$e -> name ops]
	if {!$ok} {
		nm::fail "line $lineno: bad expression \${$e}" {${NAME}, ${NAME+0x10}, ${NAME&~0x7} ...} ""
	}
	if {![info exists captures($name)]} {
		nm::fail "line $lineno: \$$name was never captured" \
			"a `# capture: $name REGEX` above" ""
	}
	set v $captures($name)
	if {$ops eq ""} { return $v }
	if {![string is wideinteger -strict $v] && ![regexp {^0[xX][0-9a-fA-F]+$} $v]} {
		nm::fail "line $lineno: \$$name is not a number: '$v'" "a captured number" ""
	}
	foreach {- op n} [regexp -all -inline [string cat $vmm::cap_op $vmm::cap_num] $ops] {
		switch -- $op {
			+ { set v [expr {$v + $n}] }
			- { set v [expr {$v - $n}] }
			| { set v [expr {$v | $n}] }
			& { set v [expr {$v & $n}] }
			^ { set v [expr {$v ^ $n}] }
			&~ { set v [expr {$v & ~$n}] }
		}
	}
	return [format 0x%016llx [expr {$v & 0xffffffffffffffff}]]
}


# --- running -------------------------------------------------------------------

proc vmm::check_regex {re lineno} {
	if {[catch {regexp -- $re ""} err]} {
		nm::fail "line $lineno: bad regular expression /$re/: $err" \
			"a Tcl regular expression" ""
	}
}

# Applies one check to the output of command `line`.
proc vmm::apply {line out check} {
	variable captures
	lassign $check key re lineno cname
	set re [vmm::subst_caps $re 1 $lineno]
	vmm::check_regex $re $lineno
	set what "line $lineno: `$line`"
	switch -- $key {
		expect { nm::expect_line $out $re "$what: # expect" }
		expect-none { nm::expect_no_line $out $re "$what: # expect-none" }
		expect-error {
			set errs [join [nm::error_lines $out] \n]
			if {$errs eq "" || ![nm::match_line $errs $re]} {
				nm::fail "$what: # expect-error" \
					"an `error: ` line matching /$re/" $out
			}
		}
		capture {
			set groups [lindex [regexp -about -- $re] 0]
			foreach l [split $out \n] {
				if {[regexp -- $re $l m g]} {
					set captures($cname) [if {$groups} {set g} {set m}]
					return
				}
			}
			nm::fail "$what: # capture: $cname" "a line matching /$re/" $out
		}
	}
}

proc vmm::run_step {step} {
	lassign $step line lineno checks
	set line [nm::expand_asm [vmm::subst_caps $line 0 $lineno]]
	set out [nm::check_lines [nm::cmd $line]]
	set wants_error 0
	foreach c $checks {
		if {[lindex $c 0] eq "expect-error"} { set wants_error 1 }
	}
	set errs [nm::error_lines $out]
	if {!$wants_error && [llength $errs]} {
		nm::fail "line $lineno: `$line` printed an error" \
			"no `error: ` line (add `# expect-error:` if it should fail)" $out
	}
	foreach c $checks { vmm::apply $line $out $c }
}

# The body of the test point: every step in order.
proc vmm::run_all {} {
	foreach step $vmm::steps { vmm::run_step $step }
}
