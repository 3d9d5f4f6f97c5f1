# Sourced by ./credence and ./test: exports JAVA_HOME for a JDK 21 or newer.
# Looks at JAVA_HOME, then the java on PATH, then the usual install folders, newest first.

credence_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

credence_find_jdk() {
  local candidates=() home major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] && [ -x "$home/bin/java" ] || continue
    major=$(credence_java_major "$home")
    [ -n "$major" ] || continue
    # JAVA_HOME, when suitable, wins; otherwise take the newest.
    if [ "$major" -ge 21 ] && { [ "$home" = "${JAVA_HOME:-}" ] || [ "$major" -gt "$best_major" ]; }; then
      best="$home"; best_major="$major"
      [ "$home" = "${JAVA_HOME:-}" ] && break
    fi
  done
  if [ -z "$best" ]; then
    echo "credence: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "credence: install one (e.g. 'apt-get install openjdk-21-jdk', or Temurin 21+) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Maven itself still uses sun.misc.Unsafe; on JDK 24+ say that is allowed rather than print warnings.
credence_maven_opts() {
  if [ "$(credence_java_major "$JAVA_HOME")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
