package clasp.store.mvstore.internal;

import clasp.api.store.ParamRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * The durable mode's write-ahead log: {@value #FILE_0} and {@value #FILE_1} beside the store file. A write is
 * appended in memory; {@link #sync} group-commits: whoever holds the flush lock writes every pending record to the
 * current file and fsyncs it, the callers waiting meanwhile find their records flushed by it. Each store commit
 * {@link #rotate}s to the other file and truncates the previous one once the commit is on disk, which covers it.
 * A record is [int length][int crc32 of payload][payload], payload = [long sequence][{@link RecordCodec} record].
 * Per address, records are appended in the order of the writes (the router writes an address under one lock).
 */
final class WriteAheadLog implements AutoCloseable {
    static final String FILE_0 = "clasp.wal.0";
    static final String FILE_1 = "clasp.wal.1";
    private static final int HEADER = 8;   // length, crc32
    private static final int SEQUENCE = 8;

    private final Path[] files;
    private final FileChannel[] channels = new FileChannel[2];
    private final ReentrantLock flushLock = new ReentrantLock();
    private final Object appendLock = new Object();
    private List<byte[]> pending = new ArrayList<>();   // guarded by appendLock
    private volatile long appended;   // the sequence of the last record appended; written under appendLock
    private volatile long flushed;    // the sequence of the last record on disk; written under flushLock
    private int current;              // the file flushes write to; guarded by flushLock
    private boolean closed;           // guarded by flushLock

    private WriteAheadLog(Path storeFile) {
        files = files(storeFile);
        try {
            for (int i = 0; i < 2; i++) {
                channels[i] = FileChannel.open(files[i], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                channels[i].position(channels[i].size());   // what is there stays until a commit covers it
            }
        } catch (IOException e) {
            closeChannels();
            throw new UncheckedIOException("cannot open the write-ahead log beside " + storeFile, e);
        }
    }

    /** Opens (creating) both files beside {@code storeFile}, keeping their content: read it first ({@link #read}). */
    static WriteAheadLog open(Path storeFile) { return new WriteAheadLog(storeFile); }

    static Path[] files(Path storeFile) {
        return new Path[] {storeFile.resolveSibling(FILE_0), storeFile.resolveSibling(FILE_1)};
    }

    void appendParam(ParamRecord record) { append(RecordCodec.loggedParam(record)); }

    void appendRemoval(ParamRecord removed) { append(RecordCodec.loggedRemoval(removed.address(), removed.revision())); }

    private void append(byte[] record) {
        synchronized (appendLock) {
            pending.add(record);
            appended++;
        }
    }

    /** Returns once every record appended before this call is on disk; throws after {@code timeoutMillis}. */
    void sync(long timeoutMillis) {
        long target = appended;
        if (flushed >= target) return;
        try {
            if (!flushLock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the write-ahead log was not written within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the write-ahead log", e);
        }
        try {
            if (flushed >= target) return;   // the flush this caller waited for took its records too
            if (closed) throw new IllegalStateException("the write-ahead log " + files[current] + " is closed");
            flushPending();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the write-ahead log " + files[current], e);
        } finally {
            flushLock.unlock();
        }
    }

    /** Writes the pending records to the current file and fsyncs it; on failure they stay pending. Needs flushLock. */
    private void flushPending() throws IOException {
        List<byte[]> batch;
        long last;
        synchronized (appendLock) {
            if (pending.isEmpty()) return;
            batch = pending;
            pending = new ArrayList<>();
            last = appended;
        }
        FileChannel channel = channels[current];
        long start = channel.position();
        try {
            ByteBuffer frames = frames(batch, last - batch.size() + 1);
            while (frames.hasRemaining()) channel.write(frames);
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(start);   // a torn record would hide every later one from a replay
            } catch (IOException ignored) {
                // the replay stops at the torn record; the store's next commit covers what it hides
            }
            synchronized (appendLock) {
                batch.addAll(pending);
                pending = batch;
            }
            throw e;
        }
        flushed = last;
    }

    private static ByteBuffer frames(List<byte[]> batch, long firstSequence) {
        int size = 0;
        for (byte[] r : batch) size += HEADER + SEQUENCE + r.length;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        CRC32 crc = new CRC32();
        long sequence = firstSequence;
        for (byte[] r : batch) {
            int at = buffer.position();
            buffer.putInt(SEQUENCE + r.length).putInt(0).putLong(sequence++).put(r);
            crc.reset();
            crc.update(buffer.array(), at + HEADER, SEQUENCE + r.length);
            buffer.putInt(at + 4, (int) crc.getValue());
        }
        return buffer.flip();
    }

    /**
     * A store commit starts: the records pending go to the current file, later ones to the other. Returns the file
     * to {@link #truncate} once the commit is on disk (every record in it was written before the commit drained).
     */
    int rotate() {
        flushLock.lock();
        try {
            try {
                flushPending();
            } catch (IOException e) {
                MvParamStore.LOG.warn("clasp.store.mvstore: cannot write the write-ahead log {}", files[current], e);
            }
            int previous = current;
            current = 1 - current;
            return previous;
        } finally {
            flushLock.unlock();
        }
    }

    /** Empties a file a commit covers (no flush writes to it until the next {@link #rotate}). */
    void truncate(int file) {
        try {
            channels[file].truncate(0);
        } catch (IOException e) {
            // harmless: a replay of covered records changes nothing
            MvParamStore.LOG.warn("clasp.store.mvstore: cannot empty the write-ahead log {}", files[file], e);
        }
    }

    /** Empties both files (at open, once what they held is committed). */
    void truncateBoth() {
        truncate(0);
        truncate(1);
    }

    /** Closes both files; {@code covered}: the final commit took everything, so the files are deleted. */
    void close(boolean covered) {
        flushLock.lock();
        try {
            if (closed) return;
            closed = true;
            closeChannels();
            if (covered) delete(files);
        } finally {
            flushLock.unlock();
        }
    }

    @Override public void close() { close(false); }

    private void closeChannels() {
        for (FileChannel c : channels) {
            try {
                if (c != null) c.close();
            } catch (IOException ignored) {
                // nothing was pending on it that a commit did not cover
            }
        }
    }

    /** Deletes both files beside {@code storeFile} (everything in them is committed). */
    static void delete(Path storeFile) { delete(files(storeFile)); }

    private static void delete(Path[] files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                MvParamStore.LOG.warn("clasp.store.mvstore: cannot delete the write-ahead log {}", p, e);
            }
        }
    }

    /**
     * The records of both files beside {@code storeFile}, oldest first. Each file is read up to its first record
     * that is cut short or fails its checksum: a write torn by a crash, after which nothing was acknowledged.
     */
    static List<RecordCodec.Logged> read(Path storeFile) {
        record Numbered(long sequence, RecordCodec.Logged logged) { }
        List<Numbered> all = new ArrayList<>();
        for (Path p : files(storeFile)) {
            if (!Files.exists(p)) continue;
            ByteBuffer in;
            try {
                in = ByteBuffer.wrap(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the write-ahead log " + p, e);
            }
            CRC32 crc = new CRC32();
            while (in.remaining() >= HEADER) {
                int length = in.getInt();
                int checksum = in.getInt();
                if (length < SEQUENCE || length > in.remaining()) break;
                crc.reset();
                crc.update(in.array(), in.position(), length);
                if ((int) crc.getValue() != checksum) break;
                long sequence = in.getLong();
                byte[] record = new byte[length - SEQUENCE];
                in.get(record);
                try {
                    all.add(new Numbered(sequence, RecordCodec.logged(record)));
                } catch (RuntimeException e) {
                    break;   // a checksum that matched garbage: as torn as a bad one
                }
            }
        }
        all.sort(Comparator.comparingLong(Numbered::sequence));
        return all.stream().map(Numbered::logged).toList();
    }
}
