# The server's CPU per decision between two samples of scripts/thread-cpu.sh, in microseconds, in all
# and by part: one line "cpu_us=... cpu_us_writer=... cpu_us_keeper=... cpu_us_http=... cpu_us_gc=...
# cpu_us_jit=... cpu_us_other=...". A file of its own, not a quoted string in a shell script, so that
# no character of a comment can end the program early; scripts/bench-http.sh runs it, and
# CpuSplitScriptTest checks its arithmetic.
#
#   awk -v n=DECISIONS -v hz="$(getconf CLK_TCK)" -f scripts/cpu-split.awk BEFORE AFTER
FNR == NR { before[$1] = $2; next }
$1 == "total" { total = $2 - before["total"]; next }
{ d = $2 - ($1 in before ? before[$1] : 0); part[$3] += d; live += d }
END {
  # Threads that ended during the run count as other; so does what the whole process's clock ticks
  # and the sum of its threads' ticks round apart, which is never taken below zero.
  part["other"] += total - live
  if (part["other"] < 0) part["other"] = 0
  printf "cpu_us=%.2f", total * 1e6 / hz / n
  split("writer keeper http gc jit other", names, " ")
  for (i = 1; i <= 6; i++) printf " cpu_us_%s=%.2f", names[i], part[names[i]] * 1e6 / hz / n
  printf "\n"
}
