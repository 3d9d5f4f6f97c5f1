// The key-claim experiment of the eighth round: SQLite alone (the driver the store uses), N keys of the
// generator's shape into a table like record_refs, one transaction (committed every 1,000 batches
// unless -Dmerge), batches of 1,024. Modes: "row" (a row at a time, as the store did), "multi"
// (-Dg=ROWS rows per statement), "json" (one json_each statement per batch); -Dmerge=true with a
// temporary unindexed -Dddl stages the keys and inserts them sorted at the end. Run from the checkout:
//   javac -d /tmp/keys -cp cli/target/lib/sqlite-jdbc-3.54.1.0.jar bench/results/20261202T135100Z-drafted-index/Keys.java
//   java -cp /tmp/keys:cli/target/lib/sqlite-jdbc-3.54.1.0.jar Keys row 4000000
//   java -Dg=1024 -cp /tmp/keys:cli/target/lib/sqlite-jdbc-3.54.1.0.jar Keys multi 4000000
// It writes its database under /tmp/w/kx (create it first).
import java.sql.*;
import java.nio.file.*;
import java.util.*;

public class Keys {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        int n = Integer.parseInt(a[1]);
        Path f = Path.of("/tmp/w/kx/k-" + mode + ".db"); String ps = System.getProperty("ps", "4096"); boolean sorted = Boolean.getBoolean("sorted"); String sync = System.getProperty("sync","FULL");
        Files.deleteIfExists(f); Files.deleteIfExists(Path.of(f + "-wal"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA page_size=" + ps); s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA synchronous=" + sync); s.execute("PRAGMA cache_size=-524288");
                s.execute(System.getProperty("ddl", "CREATE TABLE record_refs (source TEXT NOT NULL, source_ref TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (source, source_ref)) WITHOUT ROWID"));
            }
            if (Boolean.getBoolean("merge")) try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE refs2 (source TEXT NOT NULL, source_ref TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (source, source_ref)) WITHOUT ROWID");

            }
            c.setAutoCommit(false);
            String[] sources = {"court","traffic-police","civic-office","tax-bureau","bank"};
            PreparedStatement row = c.prepareStatement("INSERT INTO record_refs (source, source_ref, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
            PreparedStatement json = c.prepareStatement("INSERT INTO record_refs (source, source_ref, id) SELECT value ->> 0, value ->> 1, ?1 + key FROM json_each(?2) WHERE true ON CONFLICT DO NOTHING");
            PreparedStatement multi = null; long t0 = System.nanoTime(); long id = 1; long changed = 0;
            for (int b = 0; b < n / 1024; b++) {
                if (mode.equals("row")) {
                    Integer[] ord = new Integer[1024]; for (int i = 0; i < 1024; i++) ord[i] = i;
                    final long base = id;
                    if (sorted) Arrays.sort(ord, Comparator.comparing((Integer i) -> sources[(int) ((base + i) * 7 % 5)]).thenComparing(i -> "gen-1-" + (base + i)));
                    for (int j = 0; j < 1024; j++) {
                        int i = ord[j];
                        long k = id + i;
                        row.setString(1, sources[(int) (k * 7 % 5)]); row.setString(2, "gen-1-" + k); row.setLong(3, k); row.addBatch();
                    }
                    for (int r : row.executeBatch()) changed += r;
                } else if (mode.startsWith("multi")) {
                    int G = Integer.getInteger("g", 1024);
                    if (multi == null) {
                        StringBuilder q = new StringBuilder("INSERT INTO record_refs (source, source_ref, id) VALUES ");
                        for (int i = 0; i < G; i++) q.append(i == 0 ? "" : ",").append("(?,?,?)");
                        multi = c.prepareStatement(q + " ON CONFLICT DO NOTHING");
                    }
                    int p = 1;
                    for (int i = 0; i < 1024; i++) {
                        long k = id + i;
                        multi.setString(p++, sources[(int) (k * 7 % 5)]); multi.setString(p++, "gen-1-" + k); multi.setLong(p++, k);
                        if (p > 3 * G) { changed += multi.executeUpdate(); p = 1; }
                    }
                } else {
                    StringBuilder sb = new StringBuilder(1024 * 32).append('[');
                    for (int i = 0; i < 1024; i++) {
                        long k = id + i;
                        if (i > 0) sb.append(',');
                        sb.append("[\"").append(sources[(int) (k * 7 % 5)]).append("\",\"gen-1-").append(k).append("\"]");
                    }
                    sb.append(']');
                    json.setLong(1, id); json.setString(2, sb.toString());
                    changed += json.executeUpdate();
                }
                id += 1024;
                if (b % 1000 == 999 && !Boolean.getBoolean("merge")) { c.commit(); }
            }
            long t1 = System.nanoTime();
            if (Boolean.getBoolean("merge")) {
                try (Statement s = c.createStatement()) {
                    long m0 = System.nanoTime();
                    int n2 = s.executeUpdate("INSERT INTO main.refs2 SELECT source, source_ref, id FROM record_refs ORDER BY source, source_ref ON CONFLICT DO NOTHING");
                    System.out.printf("merged %d in %.1f s (staged in %.1f s)%n", n2, (System.nanoTime() - m0) / 1e9, (m0 - t0) / 1e9);
                }
            }
            c.commit();
            t1 = System.nanoTime();
            System.out.printf("%s: %d keys changed %d in %.1f s = %.2f us/key%n", mode, id - 1, changed, (t1 - t0) / 1e9, (t1 - t0) / 1e3 / (id - 1));
        }
    }
}
