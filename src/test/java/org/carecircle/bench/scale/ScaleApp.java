package org.carecircle.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carecircle.CareCircleApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real CareCircle application for a scale run, in this JVM: the embedded H2GIS store in a
 * fresh temporary folder (removed when the JVM ends), HTTP on a free port, warnings only in the
 * log, the heap the JVM chose (as {@code scripts/run.sh}).
 *
 * @param context the running application
 * @param port its HTTP port on 127.0.0.1
 * @param adminPassword the first administrator's password (user {@code admin})
 */
record ScaleApp(ConfigurableApplicationContext context, int port, String adminPassword) implements AutoCloseable {
  static final String ADMIN_PASSWORD = "scale-bench-admin";

  static ScaleApp start() throws IOException {
    Path work = Files.createTempDirectory("carecircle-scale");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        MetroFixture.deleteRecursively(work);
      } catch (IOException e) {
        // a temp folder left behind
      }
    }));
    ConfigurableApplicationContext app = SpringApplication.run(CareCircleApplication.class,
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:file:" + work.resolve("db/carecircle"),
        "--carecircle.network.directory=" + work.resolve("networks"),
        "--carecircle.backup.directory=" + work.resolve("backups"),
        "--carecircle.security.admin-password=" + ADMIN_PASSWORD,
        "--carecircle.map.tile-url=",
        "--logging.level.root=WARN");
    return new ScaleApp(app, ((WebServerApplicationContext) app).getWebServer().getPort(), ADMIN_PASSWORD);
  }

  @Override
  public void close() {
    context.close();
  }
}
