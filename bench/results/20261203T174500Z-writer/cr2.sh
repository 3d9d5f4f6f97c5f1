#!/usr/bin/env bash
exec /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ${JOPTS:-} --enable-native-access=ALL-UNNAMED -cp "/tmp/w/${CLI:-cli}/credence-cli.jar:/tmp/w/${CLI:-cli}/lib/*" org.credence.cli.Main "$@"
