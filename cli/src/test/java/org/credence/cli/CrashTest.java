package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.credence.subject.ResidentIdentityNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged record survives kill -9 of the server process. */
class CrashTest {

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedRecordSurvivesKillMinusNine() throws Exception {
        Harness harness = new Harness(tmp.resolve("data"));
        String agency = harness.key("agency", "court");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data", harness.data.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        List<String> acknowledged = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("serving"); line = out.readLine()) {
                // wait until the port is open
            }
            Http http = new Http("http://127.0.0.1:" + port);
            for (int i = 0; i < 200; i++) {
                String first17 = String.format("1101051980%07d", i);
                String id = first17 + ResidentIdentityNumber.checkCharacter(first17);
                Http.Reply reply = http.post("/api/v1/records", agency,
                        Harness.record("court-1", "K-" + i, id, "person", "contract.default", "2026-05-01"));
                assertThat(reply.status()).isEqualTo(201);
                acknowledged.add(id);
            }
        } finally {
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Http http = harness.start();
        try {
            String operator = harness.key("operator", "ops");
            assertThat(http.get("/health", null).json().path("records").asLong()).isEqualTo(acknowledged.size());
            for (String id : acknowledged) {
                assertThat(http.get("/api/v1/subjects/" + id + "/file", operator).json().path("points").asInt()).isEqualTo(980);
            }
        } finally {
            harness.close();
        }
    }
}
