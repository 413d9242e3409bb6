package dev.thestack.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder a synthesis writes to. It never replaces anything that is not a cloud assembly, admits one writer at
 * a time, and swaps the new assembly in by renames, so the folder is at every moment either the old complete
 * assembly, absent, or the new complete one — never half-written.
 */
public final class AssemblyOutput implements AutoCloseable {
    private final Path out;
    private final Path staging;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread cleanupOnInterrupt;

    private AssemblyOutput(Path out, Path lockFile, FileChannel lockChannel, FileLock lock) {
        this.out = out;
        this.staging = sibling(out, ".partial");
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.cleanupOnInterrupt = new Thread(() -> deleteRecursively(staging));
    }

    /** Checks that {@code requested} may be replaced, takes the lock and creates an empty staging folder. */
    public static AssemblyOutput open(Path requested) {
        Path out = requested.toAbsolutePath().normalize();
        if (out.getParent() == null) {
            throw new OutputFolderException("refusing to use " + out + " as the output folder; name a folder such as cdk.out");
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (cwd.startsWith(out)) {
            throw new OutputFolderException(requested + " contains the current folder; replacing it would delete your "
                    + "work. Name a dedicated folder such as cdk.out");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new OutputFolderException(requested + " is a file, not a folder; name a folder such as cdk.out");
        }
        if (Files.isDirectory(out) && !isEmpty(out) && !Files.exists(out.resolve("manifest.json"))) {
            throw new OutputFolderException(requested + " is not empty and is not a cloud assembly (no manifest.json); "
                    + "refusing to replace it. Name another folder, or empty this one");
        }
        Path lockFile = sibling(out, ".lock");
        try {
            Files.createDirectories(out.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new OutputFolderException("another synth is writing " + requested + " right now; wait for it to "
                        + "finish, or name another --out");
            }
            AssemblyOutput output = new AssemblyOutput(out, lockFile, channel, lock);
            deleteRecursively(output.staging);
            deleteRecursively(sibling(out, ".rejected"));
            Files.createDirectory(output.staging);
            Runtime.getRuntime().addShutdownHook(output.cleanupOnInterrupt);
            return output;
        } catch (AccessDeniedException e) {
            throw new OutputFolderException("cannot write next to " + requested + ": permission denied on "
                    + e.getFile() + "; name a folder you can write to");
        } catch (IOException e) {
            throw new OutputFolderException("cannot prepare " + requested + ": " + e);
        }
    }

    /** Where the CDK app writes. */
    public Path staging() {
        return staging;
    }

    /** Puts the staged assembly in place of the old one. */
    public Path commit() {
        Path previous = sibling(out, ".previous");
        deleteRecursively(previous);
        if (Files.exists(out)) {
            move(out, previous);
        }
        move(staging, out);
        deleteRecursively(previous);
        return out;
    }

    /** Keeps a rejected assembly beside the output for inspection; the output itself stays as it was. */
    public Path reject() {
        Path rejected = sibling(out, ".rejected");
        move(staging, rejected);
        return rejected;
    }

    @Override
    public void close() {
        deleteRecursively(staging);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same cleanup
        }
        try {
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + lockFile, e);
        }
    }

    /** Another process holding the lock answers null; another synth in this JVM throws instead: same meaning. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private static Path sibling(Path out, String suffix) {
        return out.resolveSibling(out.getFileName() + suffix);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new OutputFolderException("cannot read " + dir + ": " + e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** The output folder given cannot be used; nothing was written. */
    public static final class OutputFolderException extends RuntimeException {
        public OutputFolderException(String message) {
            super(message);
        }
    }
}
