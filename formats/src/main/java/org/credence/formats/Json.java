package org.credence.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration: duplicate keys and trailing tokens rejected on input. Output keeps the
 * order answers are built in, except {@link #canonical}, which sorts keys so that equal details always
 * encode alike (the idempotency check compares record details by their encoding).
 */
public final class Json {

    // Jackson's default pool keeps its buffers per platform thread; the server answers on virtual
    // threads, which never reuse one, so every request allocated fresh parse and write buffers (a
    // sixth of the server's allocation in a profile under load). A shared pool serves both kinds.
    private static final ObjectMapper MAPPER = mapper(JsonRecyclerPools.sharedConcurrentDequePool());
    // Bulk lines are parsed on platform threads only (a stream's reader and the common pool), which do
    // reuse a pool of their own; the shared pool's queue cost 0.3 µs a line, 3 s of 10 M lines' parse.
    private static final ObjectMapper LINES = mapper(JsonRecyclerPools.threadLocalPool());
    private static final ObjectWriter CANONICAL = MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static ObjectMapper mapper(RecyclerPool<BufferRecycler> buffers) {
        return JsonMapper.builder(JsonFactory.builder()
                        .recyclerPool(buffers)
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                        .build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@link #mapper()}'s configuration for the lines of bulk files, which are parsed on platform threads only. */
    static ObjectMapper lines() {
        return LINES;
    }

    /** A format-neutral tree (maps, lists, scalars) from JSON text. */
    public static Object parse(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }

    /** Why {@code e} rejected the text, without Jackson's source excerpt. */
    public static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? "malformed JSON" : "malformed JSON: " + message.lines().findFirst().orElse(message);
    }

    /** {@code value} encoded with sorted keys, so that equal trees give equal text. */
    public static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@code value} encoded as UTF-8 bytes, for writing straight to a connection. */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }
}
