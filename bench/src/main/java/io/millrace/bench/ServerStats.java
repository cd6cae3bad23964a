package io.millrace.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak RSS and CPU time of a local server process, read from /proc (Linux). */
record ServerStats(long peakRssKib, long cpuTicks) {
    /** USER_HZ; 100 on every Linux we run on. */
    static final int TICKS_PER_SECOND = 100;

    /** CPU time of this JVM (the load generator itself), to report beside the server's. */
    static long ownCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static ServerStats read(Long pid) {
        if (pid == null) {
            return null;
        }
        try {
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return new ServerStats(peak, ticks);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
