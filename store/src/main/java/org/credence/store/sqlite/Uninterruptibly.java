package org.credence.store.sqlite;

/**
 * Waits that close must see through: stopping a thread that writes or keeps the trail may not be cut
 * short by an interrupt, or entries would be left unwritten and threads running. The interrupt is
 * not lost; the caller restores it once it is done.
 */
final class Uninterruptibly {

    private Uninterruptibly() {
    }

    /** A wait that may be interrupted. */
    @FunctionalInterface
    interface Wait {
        void run() throws InterruptedException;
    }

    /** Runs {@code wait} until it completes; returns whether the thread was interrupted meanwhile. */
    static boolean await(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.run();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
