package org.bidizoo.datasets.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar on standard error for downloads and passes over data.
 *
 * <p>Nothing is drawn during the first second, so short work stays quiet. On a terminal the bar
 * redraws in place at most five times a second; elsewhere (CI logs, pipes) it prints a line every
 * ten seconds at most. A total of {@code -1} means unknown: then only the count and the rate show.
 * Standard output is never touched, so {@code --json} output stays clean.
 */
public final class ProgressBar implements AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long TTY_INTERVAL_NANOS = 200_000_000L;
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean tty;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw = start;
    private boolean drawn;

    /**
     * @param label what is being done, e.g. {@code "hashing train-images"}
     * @param total the amount of work, or -1 if unknown
     * @param unit  unit of the work, e.g. {@code "B"}, {@code "it"}
     */
    public ProgressBar(String label, long total, String unit) {
        this(label, total, unit, System.err, System.console() != null);
    }

    /**
     * @param label what is being done
     * @param total the amount of work, or -1 if unknown
     * @param unit  unit of the work
     * @param out   where to draw
     * @param tty   whether {@code out} is a terminal (redraw in place) or a log (lines)
     */
    public ProgressBar(String label, long total, String unit, PrintStream out, boolean tty) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.tty = tty;
    }

    /** @param amount work done since the last call */
    public synchronized void step(long amount) {
        done += amount;
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS) {
            return;
        }
        if (now - lastDraw >= (tty ? TTY_INTERVAL_NANOS : LOG_INTERVAL_NANOS) || !drawn) {
            draw(now, false);
        }
    }

    /** @return work done so far */
    public synchronized long done() {
        return done;
    }

    /** Draws the final state if anything was drawn, and ends the line. */
    @Override
    public synchronized void close() {
        if (drawn) {
            draw(System.nanoTime(), true);
        }
    }

    private void draw(long now, boolean last) {
        lastDraw = now;
        drawn = true;
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        StringBuilder sb = new StringBuilder();
        sb.append(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, 100 * done / total)));
            sb.append(human(done)).append('/').append(human(total)).append(' ').append(unit);
            if (!last && rate > 0 && done < total) {
                sb.append(String.format(Locale.ROOT, ", eta %.0fs", (total - done) / rate));
            }
        } else {
            sb.append(human(done)).append(' ').append(unit);
        }
        sb.append(String.format(Locale.ROOT, ", %s %s/s, %.1fs", human((long) rate), unit, secs));
        if (tty) {
            out.print("\r" + sb + (last ? "\n" : ""));
        } else {
            out.println(sb);
        }
        out.flush();
    }

    private static String human(long n) {
        if (n >= 10_000_000_000L) {
            return (n / 1_000_000_000L) + "G";
        }
        if (n >= 10_000_000L) {
            return (n / 1_000_000L) + "M";
        }
        if (n >= 10_000L) {
            return (n / 1_000L) + "k";
        }
        return Long.toString(n);
    }
}
