import java.sql.*;
import java.util.*;
import java.nio.charset.StandardCharsets;

public class KeyBench {
    static final String[] SOURCES = {"civic-office","court","traffic-police","tax-bureau","market-regulator","bank-lender"};
    public static void main(String[] a) throws Exception {
        String mode = a[0]; int n = Integer.parseInt(a[1]); String file = a[2];
        new java.io.File(file).delete();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA cache_size=-524288");
                if (mode.equals("srcno")) s.execute("CREATE TABLE record_refs (source INTEGER NOT NULL, source_ref TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (source, source_ref)) WITHOUT ROWID");
                else if (mode.equals("joined")) s.execute("CREATE TABLE record_refs (ref TEXT NOT NULL PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID");
                else if (mode.startsWith("text") || mode.startsWith("json")) s.execute("CREATE TABLE record_refs (source TEXT NOT NULL, source_ref TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (source, source_ref)) WITHOUT ROWID");
                else s.execute("CREATE TABLE record_keys (key INTEGER PRIMARY KEY, id INTEGER NOT NULL)");
            }
            c.setAutoCommit(false);
            int B = 1024;
            String row = mode.startsWith("text") || mode.equals("srcno") ? "(?, ?, ?)" : "(?, ?)";
            String sql = mode.equals("json") ? "INSERT INTO record_refs (source, source_ref, id) SELECT value ->> 0, value ->> 1, ?2 + key FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING"
                : mode.equals("json2") ? "INSERT INTO record_refs (source, source_ref, id) SELECT a.value, b.value, ?3 + a.key FROM json_each(?1) a JOIN json_each(?2) b ON a.key = b.key WHERE true ON CONFLICT DO NOTHING"
                : (mode.equals("srcno") ? "INSERT INTO record_refs (source, source_ref, id) VALUES " : mode.equals("joined") ? "INSERT INTO record_refs (ref, id) VALUES " : mode.startsWith("text") ? "INSERT INTO record_refs (source, source_ref, id) VALUES " : "INSERT INTO record_keys (key, id) VALUES ")
                + String.join(", ", Collections.nCopies(B, row)) + " ON CONFLICT DO NOTHING";
            Random r = new Random(7);
            long t0 = System.nanoTime(); long inserted = 0;
            try (PreparedStatement p = c.prepareStatement(sql)) {
                long id = 1;
                for (int done = 0; done + B <= n; done += B) {
                    int k = 1;
                    long[] hs = new long[B];
                    if (mode.equals("hashsorted")) { long id0 = id; for (int i = 0; i < B; i++) { String src = SOURCES[r.nextInt(SOURCES.length)]; hs[i] = hash(src, "gen-7-" + (id0 + i)); } Arrays.sort(hs); for (int i = 0; i < B; i++, id++) { p.setLong(k++, hs[i]); p.setLong(k++, id); } }
                    else if (mode.equals("textsorted")) { String[][] ks = new String[B][]; for (int i = 0; i < B; i++) ks[i] = new String[]{SOURCES[r.nextInt(SOURCES.length)], "gen-7-" + (id + i)}; Arrays.sort(ks, (x, y) -> { int c0 = x[0].compareTo(y[0]); return c0 != 0 ? c0 : x[1].compareTo(y[1]); }); for (int i = 0; i < B; i++, id++) { p.setString(k++, ks[i][0]); p.setString(k++, ks[i][1]); p.setLong(k++, id); } }
                    else if (mode.equals("json")) { StringBuilder j = new StringBuilder(B * 32).append('['); long id0 = id; for (int i = 0; i < B; i++, id++) { String src = SOURCES[r.nextInt(SOURCES.length)]; String ref = "gen-7-" + id; if (i > 0) j.append(','); j.append("[\"").append(src).append("\",\"").append(ref).append("\"]"); } j.append(']'); p.setString(1, j.toString()); p.setLong(2, id0); }
                    else
                    for (int i = 0; i < B; i++, id++) {
                        String src = SOURCES[r.nextInt(SOURCES.length)]; String ref = "gen-7-" + id;
                        if (mode.equals("srcno")) { p.setInt(k++, Arrays.asList(SOURCES).indexOf(src)); p.setString(k++, ref); p.setLong(k++, id); }
                        else if (mode.equals("joined")) { p.setString(k++, src + "\u0000" + ref); p.setLong(k++, id); }
                        else if (mode.equals("text")) { p.setString(k++, src); p.setString(k++, ref); p.setLong(k++, id); }
                        else { p.setLong(k++, hash(src, ref)); p.setLong(k++, id); }
                    }
                    inserted += p.executeUpdate();
                    if ((done / B) % 2000 == 0 && done > 0) System.out.printf("%d %.2f us/key%n", done, (System.nanoTime()-t0)/1e3/done);
                }
            }
            long t1 = System.nanoTime();
            c.commit();
            long t2 = System.nanoTime();
            System.out.printf("%s n=%d inserted=%d insert %.2f us/key commit %.2f s%n", mode, n, inserted, (t1-t0)/1e3/n, (t2-t1)/1e9);
        }
        System.out.println("file MB " + new java.io.File(file).length()/1e6 + " wal " + new java.io.File(file+"-wal").length()/1e6);
    }
    static long hash(String s, String r) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (s + "\0" + r).getBytes(StandardCharsets.UTF_8)) { h ^= b; h *= 0x100000001b3L; }
        h ^= h >>> 33; h *= 0xff51afd7ed558ccdL; h ^= h >>> 33; h *= 0xc4ceb9fe1a85ec53L; h ^= h >>> 33;
        return h;
    }
}
