import java.sql.*;
public class Flush {
  public static void main(String[] a) throws Exception {
    String variant = a[0]; int entries = Integer.parseInt(a[1]);
    new java.io.File("/tmp/w/exp/ix.db").delete();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:/tmp/w/exp/ix.db")) {
      Statement s = c.createStatement();
      s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA synchronous=NORMAL");
      s.execute("ATTACH 'file:/tmp/w/exp/trail.db?mode=ro' AS trail");
      s.execute("CREATE TABLE t_text (run INTEGER NOT NULL, subject_hash TEXT NOT NULL, at TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (run, subject_hash, at, seq)) WITHOUT ROWID");
      s.execute("CREATE TABLE t_heap (run INTEGER NOT NULL, subject_hash TEXT NOT NULL, at TEXT NOT NULL, seq INTEGER NOT NULL)");
      s.execute("CREATE TABLE t_comp (run INTEGER NOT NULL, subject BLOB NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (run, subject, at, seq)) WITHOUT ROWID");
      long first; try (ResultSet r = s.executeQuery("select min(seq) from trail.audit where items is not null")) { r.next(); first = r.getLong(1) - 1; }
      int per = 4; // entries per flush (4 batches ~ 4000 rows)
      String sql = switch (variant) {
        case "cur" -> "INSERT INTO t_text SELECT ?1, subject_hash, at, seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL UNION SELECT ?1, json_extract(item.value, '$[0]'), a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2, 3, 4";
        case "all" -> "INSERT OR IGNORE INTO t_text SELECT ?1, subject_hash, at, seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL UNION ALL SELECT ?1, json_extract(item.value, '$[0]'), a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2, 3, 4";
        case "allval" -> "INSERT OR IGNORE INTO t_text SELECT ?1, subject_hash, at, seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL UNION ALL SELECT ?1, item.value ->> 0, a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2, 3, 4";
        case "tree" -> "INSERT OR IGNORE INTO t_text SELECT ?1, subject_hash, at, seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL UNION ALL SELECT ?1, item.value, a.at, a.seq FROM trail.audit a, json_tree(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL AND item.path GLOB '$[[]*]' AND item.key = 0 ORDER BY 2, 3, 4";
        case "comp" -> "INSERT OR IGNORE INTO t_comp SELECT ?1, unhex(subject_hash), unixepoch(substr(at,1,19))*1000000000 + CAST(substr(at,21,9) AS INTEGER), seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL UNION ALL SELECT ?1, unhex(item.value ->> 0), unixepoch(substr(a.at,1,19))*1000000000 + CAST(substr(a.at,21,9) AS INTEGER), a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2, 3, 4";
        case "guard" -> "INSERT OR IGNORE INTO t_text SELECT ?1, subject_hash, at, seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL UNION ALL SELECT ?1, item.value ->> 0, a.at, a.seq FROM trail.audit a, json_each(CASE WHEN json_valid(a.items) THEN a.items END) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2, 3, 4";
        case "guardx" -> "INSERT OR IGNORE INTO t_text SELECT ?1, subject_hash, at, seq FROM trail.audit WHERE seq > ?2 AND seq <= ?3 AND subject_hash IS NOT NULL UNION ALL SELECT ?1, json_extract(item.value, '$[0]'), a.at, a.seq FROM trail.audit a, json_each(CASE WHEN json_valid(a.items) THEN a.items END) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2, 3, 4";
        case "sortonly" -> "SELECT count(*) FROM (SELECT ?1, item.value ->> 0, a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2, 3, 4 LIMIT 100000000)";
        case "heap" -> "INSERT INTO t_heap SELECT ?1, item.value ->> 0, a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL";
        case "heapsorted" -> "INSERT INTO t_heap SELECT ?1, item.value ->> 0, a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL ORDER BY 2,3,4";
        case "heaptree" -> "INSERT INTO t_heap SELECT ?1, item.atom, a.at, a.seq FROM trail.audit a, json_tree(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL AND item.key = 0 AND item.type = 'text'";
        case "heapkey" -> "INSERT INTO t_heap SELECT ?1, json_extract(a.items, '$[' || item.key || '][0]'), a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL";
        case "heapnoval" -> "INSERT INTO t_heap SELECT ?1, item.key, a.at, a.seq FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL";
        case "parse" -> "SELECT count(*) FROM trail.audit a, json_each(a.items) item WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL AND ?1 > 0";
        case "read" -> "SELECT sum(length(items)) FROM trail.audit a WHERE a.seq > ?2 AND a.seq <= ?3 AND a.items IS NOT NULL AND ?1 > 0";
        default -> throw new IllegalArgumentException(variant);
      };
      c.setAutoCommit(false);
      PreparedStatement p = c.prepareStatement(sql);
      long rows = 0; long t0 = System.nanoTime(); int run = 0;
      for (long lo = first; lo < first + entries; lo += per) {
        p.setLong(1, ++run); p.setLong(2, lo); p.setLong(3, lo + per);
        if (p.execute()) { try (ResultSet r = p.getResultSet()) { r.next(); } } else rows += p.getUpdateCount();
        c.commit();
      }
      long ns = System.nanoTime() - t0;
      try (ResultSet r = s.executeQuery("select (select count(*) from t_text) + (select count(*) from t_comp)")) { r.next(); rows = r.getLong(1); }
      System.out.printf("%s entries=%d rows=%d ms=%d ns_per_item=%.0f%n", variant, entries, rows, ns / 1_000_000, ns / (entries * 1000.0));
    }
  }
}
