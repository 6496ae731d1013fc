package org.marlbench.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A boxed console block, so a warning is not lost among Gatling's output. */
public final class ConsoleBox {
    private ConsoleBox() {
    }

    public static String box(String title, List<String> lines) {
        List<String> all = new ArrayList<>();
        all.add(title);
        all.add("");
        all.addAll(lines);
        int width = all.stream().mapToInt(String::length).max().orElse(0);
        String edge = "#".repeat(width + 4);
        StringBuilder sb = new StringBuilder(edge).append('\n');
        for (String line : all) {
            sb.append("# ").append(line).append(" ".repeat(width - line.length())).append(" #\n");
        }
        return sb.append(edge).append('\n').toString();
    }
}
