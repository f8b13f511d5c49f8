package dev.mcprisk.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowthPlotTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void writesAPngWithBothCharts(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("plots/growth.png");
    GrowthPlot.write(
        List.of(
            BenchReportTest.sample(43_000),
            BenchReportTest.sample(1_000),
            BenchReportTest.sample(5_000),
            BenchReportTest.sample(20_000)),
        png);
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(2 * GrowthPlot.CHART_WIDTH, image.getWidth());
    assertEquals(GrowthPlot.CHART_HEIGHT, image.getHeight());
  }

  @Test
  void refusesToPlotNothing(@TempDir Path dir) {
    assertThrows(
        IllegalArgumentException.class, () -> GrowthPlot.write(List.of(), dir.resolve("x.png")));
  }
}
