# compare.awk: two replay transcripts ("=== N: COMMAND" then the output of
# that step) in, the steps whose output differs out. Exit 1 when any does.
FNR == 1 { file++ }
/^=== [0-9]+: / {
	step = $2; sub(/:$/, "", step); step += 0
	cmd[step] = substr($0, index($0, ": ") + 2)
	if (step > last) last = step
	next
}
{ out[file, step] = out[file, step] $0 "\n" }
END {
	for (s = 1; s <= last; s++) {
		if (out[1, s] == out[2, s])
			continue
		differ++
		printf "\nstep %d: %s\n", s, cmd[s]
		printf "%s", indent("A | ", out[1, s])
		printf "%s", indent("B | ", out[2, s])
	}
	printf "\n# %d of %d step(s) differ\n", differ, last
	exit differ ? 1 : 0
}
function indent(p, text,    n, i, lines, r) {
	if (text == "")
		return p "(nothing)\n"
	n = split(text, lines, "\n")
	for (i = 1; i < n; i++)
		r = r p lines[i] "\n"
	return r
}
