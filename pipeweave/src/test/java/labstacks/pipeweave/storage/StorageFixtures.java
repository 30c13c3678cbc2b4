package labstacks.pipeweave.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

/** Inputs for upload tests: generated content, streams that count or fail. */
final class StorageFixtures {
    private StorageFixtures() {}

    static byte[] pseudoRandom(int size, long seed) {
        var bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Byte {@code i} of a counting stream. */
    static byte countingByte(long i, int salt) {
        return (byte) ((i * 31 + salt) % 251);
    }

    static byte[] countingBytes(long size, int salt) {
        var bytes = new byte[(int) size];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = countingByte(i, salt);
        }
        return bytes;
    }

    /** A generated stream (no backing array, no mark) that records how far it was read. */
    static final class CountingStream extends InputStream {
        private final long size;
        private final int salt;
        private long position;

        CountingStream(long size, int salt) {
            this.size = size;
            this.salt = salt;
        }

        @Override
        public int read() {
            return position < size ? countingByte(position++, salt) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            var n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = countingByte(position++, salt);
            }
            return n;
        }

        long maxRead() {
            return position;
        }
    }

    /** Yields {@code failAt} bytes, then fails as a broken disk or connection would. */
    static final class FailingStream extends InputStream {
        private final long failAt;
        private long position;

        FailingStream(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            if (position >= failAt) {
                throw new IOException("disk gone");
            }
            position++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= failAt) {
                throw new IOException("disk gone");
            }
            var n = (int) Math.min(len, failAt - position);
            Arrays.fill(b, off, off + n, (byte) 'x');
            position += n;
            return n;
        }
    }
}
