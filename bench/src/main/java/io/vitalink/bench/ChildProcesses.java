package io.vitalink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Child JVMs on the bench's classpath, and their peak resident memory from /proc. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static ProcessBuilder java(String classpath, List<String> jvmOptions, String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // the same logging as the driver: one logback.xml of the several on the classpath
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    /** VmHWM (peak resident set) of a running process, in bytes; empty once it has ended. */
    static OptionalLong peakRss(long pid) {
        return memory(pid, "VmHWM:");
    }

    /** VmRSS (resident set now) of a running process, in bytes; empty once it has ended. */
    static OptionalLong rss(long pid) {
        return memory(pid, "VmRSS:");
    }

    /** A memory line of /proc/PID/status (its value is in kB), in bytes. */
    private static OptionalLong memory(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException ended) {
            // the process is gone
        }
        return OptionalLong.empty();
    }

    /** Waits for the process, sampling its peak RSS every 0.1 s (VmHWM only grows, so the last sample is close). */
    static long waitSamplingPeak(Process process) throws InterruptedException {
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, peakRss(process.pid()).orElse(peak));
            Thread.sleep(100);
        }
        return peak;
    }

    /** The last lines of a child's log, for an error message (the logs never hold patient data). */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Disk used under {@code dir} as {@code du} counts it (allocated blocks: the broker preallocates sparse 10 MB
     * index files that hold next to nothing); 0 when it does not exist.
     */
    static long diskBytes(Path dir) throws IOException, InterruptedException {
        if (!Files.exists(dir)) {
            return 0;
        }
        Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
        String output = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (du.waitFor() != 0) {
            throw new IOException("du " + dir + ": " + output);
        }
        return Long.parseLong(output.split("\\s+")[0]) * 1024;
    }
}
