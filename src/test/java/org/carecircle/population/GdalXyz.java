package org.carecircle.population;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carecircle.testsupport.ExternalTool;

/**
 * A raster's pixels as GDAL sees them ({@code gdal_translate -of XYZ}): an independent reader to
 * check CareCircle's own against.
 */
public final class GdalXyz {
  private GdalXyz() {}

  /**
   * The pixels whose value is not {@code noData}, row by row from the top left, each as {@code
   * {centreX, centreY, value}} in the raster's CRS.
   */
  public static List<double[]> validPixels(Path raster, double noData) {
    String xyz = ExternalTool.run("gdal-bin", "gdal_translate", "-q", "-of", "XYZ", raster.toString(), "/vsistdout/")
        .stdout();
    List<double[]> pixels = new ArrayList<>();
    for (String line : xyz.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      double value = Double.parseDouble(parts[2]);
      if (value != noData) {
        pixels.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), value});
      }
    }
    return pixels;
  }
}
