package org.credence.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file that holds the {@link Vault}'s two keys, apart from the database, so that a copy of the
 * database alone reveals no identity. By default it is {@code credence.key} beside {@code credence.db};
 * a production node should keep it on another volume (and in another backup) than the data, and name
 * its path explicitly.
 *
 * <p>The format is two lines of text, each key 32 random bytes in base64:
 * <pre>
 * hash-key: ...
 * seal-key: ...
 * </pre>
 * Blank lines and lines starting with {@code #} are ignored. The file must be readable by its owner
 * alone (mode 600) where the file system has POSIX permissions; a wider file is refused rather than
 * used, because anyone who can read it can read every identity in the data.
 */
public final class KeyFile {

    public static final String DEFAULT_NAME = "credence.key";

    private static final String HASH_KEY = "hash-key";
    private static final String SEAL_KEY = "seal-key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFile() {
    }

    /** Where the key file is kept unless told otherwise: beside the database in {@code dataDir}. */
    public static Path defaultLocation(Path dataDir) {
        return dataDir.resolve(DEFAULT_NAME);
    }

    /**
     * Writes fresh random keys to {@code path}, which must not exist, and returns them. The file appears
     * whole or not at all: it is written and synced under a temporary name with mode 600 from its
     * first byte, then renamed.
     */
    public static Vault create(Path path) {
        byte[] hashKey = new byte[Vault.KEY_BYTES];
        byte[] sealKey = new byte[Vault.KEY_BYTES];
        RANDOM.nextBytes(hashKey);
        RANDOM.nextBytes(sealKey);
        String text = "# Credence keys. Without this file the data directory cannot be read, and no other\n"
                + "# file will do: back it up, apart from the data.\n"
                + HASH_KEY + ": " + Base64.getEncoder().encodeToString(hashKey) + "\n"
                + SEAL_KEY + ": " + Base64.getEncoder().encodeToString(sealKey) + "\n";
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        try {
            if (Files.exists(absolute)) {
                throw new StoreException("the key file " + path + " already exists; it is never overwritten");
            }
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp", attributes);
            try {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                    out.force(true);
                }
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            if (posix) {
                // The rename itself must reach the disk, or a power cut could lose the new key while
                // the data sealed under it survives.
                try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                    directory.force(true);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the key file " + path + ": " + e, e);
        }
        return new Vault(hashKey, sealKey);
    }

    /** Reads the keys from {@code path}; refuses a file others may read, or one that is not a key file. */
    public static Vault load(Path path) {
        List<String> lines;
        try {
            checkPrivate(path);
            lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
        } catch (AccessDeniedException e) {
            throw new StoreException("cannot read the key file " + path + ": permission denied", e);
        } catch (IOException e) {
            throw new StoreException("cannot read the key file " + path + ": " + e, e);
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (!name.equals(HASH_KEY) && !name.equals(SEAL_KEY)) {
                throw malformed(path, "line " + (i + 1) + " is not '" + HASH_KEY + ": ...' or '" + SEAL_KEY + ": ...'");
            }
            if (keys.put(name, key(path, name, line.substring(colon + 1).strip())) != null) {
                throw malformed(path, name + " is given twice");
            }
        }
        for (String name : List.of(HASH_KEY, SEAL_KEY)) {
            if (!keys.containsKey(name)) {
                throw malformed(path, name + " is missing");
            }
        }
        return new Vault(keys.get(HASH_KEY), keys.get(SEAL_KEY));
    }

    private static void checkPrivate(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new StoreException("the key file " + path + " may be read by other users ("
                    + PosixFilePermissions.toString(permissions) + "); anyone who can read it can read every "
                    + "identity in the data. Make it private to its owner: chmod 600 " + path);
        }
    }

    private static byte[] key(Path path, String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed(path, name + " is not base64");
        }
        if (key.length != Vault.KEY_BYTES) {
            throw malformed(path, name + " is " + key.length + " bytes, not " + Vault.KEY_BYTES);
        }
        return key;
    }

    private static StoreException malformed(Path path, String problem) {
        return new StoreException("the key file " + path + " is damaged: " + problem
                + ". Restore it from its backup; the data cannot be read without the original keys");
    }
}
