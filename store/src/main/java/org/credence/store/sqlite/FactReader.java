package org.credence.store.sqlite;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.credence.record.RecordState;
import org.credence.store.RecordStore.Fact;
import org.credence.store.Vault;

/**
 * Reads every record's {@link Fact} for the hot index at start, as a pipeline over pages of blocks: a
 * reader thread fetches the next page and has its blocks opened on all cores while the caller's thread
 * hands the page before it to the consumer, in id order.
 *
 * <p>A fact needs a block's clear part and its sealed ids, and, where an organization was named, its
 * names (the public register searches them); the details are never opened. Opening the ids is one
 * AES-GCM pass over some 20 kB for a full block, which is most of the Java time, and why it is the
 * part spread over the cores.
 */
final class FactReader {

    private final Database db;
    private final Vault vault;

    FactReader(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
    }

    /** Delivers the facts of the records with ids {@code firstId} to {@code lastId}. */
    void forEach(long firstId, long lastId, Consumer<Fact> sink) {
        try (ExecutorService reader = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("credence-fact-reader").daemon().factory())) {
            CompletableFuture<Page> next = CompletableFuture.supplyAsync(() -> open(read(firstId - 1, lastId)), reader);
            while (true) {
                Page page = await(next);
                if (page.blocks.isEmpty()) {
                    return;
                }
                long after = page.blocks.getLast().lastId();
                next = CompletableFuture.supplyAsync(() -> open(read(after, lastId)), reader);
                page.deliver(firstId, lastId, sink);
            }
        }
    }

    private Page read(long after, long upTo) {
        return db.read(d -> {
            List<RecordBlock> blocks = RecordBlocks.page(d, after, upTo, RecordBlocks.PAGE_BLOCKS);
            return new Page(blocks, RecordBlocks.states(d, blocks));
        });
    }

    private Page open(Page page) {
        IntStream.range(0, page.blocks.size()).parallel().forEach(i -> {
            RecordBlock block = page.blocks.get(i);
            page.subjects[i] = block.subjectIds(vault);
            page.names[i] = block.namesAnOrganization() ? block.names(vault, true) : null;
        });
        return page;
    }

    private static Page await(CompletableFuture<Page> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw e;
            }
        }
    }

    /** Up to {@link RecordBlocks#PAGE_BLOCKS} blocks, with the states of their records and, once opened, their ids and names. */
    private static final class Page {
        final List<RecordBlock> blocks;
        final Map<Long, RecordState> states;
        final String[][] subjects;
        final String[][] names;

        Page(List<RecordBlock> blocks, Map<Long, RecordState> states) {
            this.blocks = blocks;
            this.states = states;
            this.subjects = new String[blocks.size()][];
            this.names = new String[blocks.size()][];
        }

        void deliver(long firstId, long lastId, Consumer<Fact> sink) {
            for (int b = 0; b < blocks.size(); b++) {
                RecordBlock block = blocks.get(b);
                int from = (int) Math.max(0, firstId - block.firstId());
                int to = (int) Math.min(block.count() - 1, lastId - block.firstId());
                for (int i = from; i <= to; i++) {
                    long id = block.firstId() + i;
                    sink.accept(new Fact(id, subjects[b][i], block.kind(i), block.type(i), block.occurredDay(i),
                            states.getOrDefault(id, RecordState.RECORDED),
                            Optional.ofNullable(names[b] == null ? null : names[b][i])));
                }
            }
        }
    }
}
