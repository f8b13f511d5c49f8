package dev.mcprisk.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The growth plot of BENCHMARKS.md, drawn with XChart: one PNG with two charts side by side, the
 * seconds of each stage against servers (left) and the peak heap in MiB against servers (right).
 * Needs no display (AWT headless).
 *
 * <p>Thread-safe: stateless.
 */
public final class GrowthPlot {

  /** Width of each chart: 800 px. */
  public static final int CHART_WIDTH = 800;

  /** Height of the image: 560 px. */
  public static final int CHART_HEIGHT = 560;

  private GrowthPlot() {}

  /**
   * Writes the plot of {@code runs} (any order; sorted by servers) to {@code png}, replacing it.
   *
   * @param runs at least one run
   * @throws IllegalArgumentException when {@code runs} is empty
   * @throws IOException when the file cannot be written
   */
  public static void write(List<BenchReport> runs, Path png) throws IOException {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to plot");
    }
    List<BenchReport> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingInt(BenchReport::servers));
    double[] servers = values(sorted, BenchReport::servers);

    XYChart stages = chart("Seconds per stage", "seconds");
    stages.addSeries("crawl", servers, values(sorted, r -> r.stages().crawl().seconds()));
    stages.addSeries("store", servers, values(sorted, r -> r.stages().store().seconds()));
    stages.addSeries("classify", servers, values(sorted, r -> r.stages().classify().seconds()));
    stages.addSeries("index", servers, values(sorted, r -> r.stages().index().seconds()));
    stages.addSeries("export", servers, values(sorted, r -> r.stages().export().seconds()));
    stages.addSeries("incremental", servers, values(sorted, r -> r.incremental().seconds()));
    stages.addSeries("total", servers, values(sorted, BenchReport::totalSeconds));

    XYChart heap = chart("Peak heap", "MiB");
    heap.addSeries(
        "peak heap", servers, values(sorted, r -> r.peakHeapBytes() / (1024.0 * 1024.0)));

    BufferedImage image =
        new BufferedImage(2 * CHART_WIDTH, CHART_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
      graphics.drawImage(BitmapEncoder.getBufferedImage(stages), 0, 0, null);
      graphics.drawImage(BitmapEncoder.getBufferedImage(heap), CHART_WIDTH, 0, null);
    } finally {
      graphics.dispose();
    }
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer in this JDK");
    }
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(CHART_WIDTH)
            .height(CHART_HEIGHT)
            .title(title)
            .xAxisTitle("servers")
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  private static double[] values(List<BenchReport> runs, ToDoubleFunction<BenchReport> value) {
    double[] out = new double[runs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = value.applyAsDouble(runs.get(i));
    }
    return out;
  }
}
