package org.carecircle.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.carecircle.job.JobService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command-line mode: a backup written to the named file answers 0, a restore into an empty
 * store answers 0 and brings the rows, and every failure answers 1 with one line saying why. The
 * web server is switched off whenever a command is given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupCommandTest {
  private final TargetStores targets = new TargetStores();
  private final JobService jobs = org.carecircle.job.JobTestStores.oneWorker();

  @AfterAll
  void close() {
    targets.close();
    jobs.shutdown();
  }

  private BackupCommand command(DataSource store, String command, String file) throws Exception {
    BackupProperties settings = new BackupProperties(Files.createTempDirectory("carecircle-cmd").toString(), null,
        null, null, null, null, command, file);
    return new BackupCommand(new BackupService(store, settings, jobs, targets.emptyFolder(), Clock.systemUTC()),
        settings, null);
  }

  /** Runs the command and answers its exit code and what it printed to standard error. */
  private static Map.Entry<Integer, String> run(BackupCommand command) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return Map.entry(command.execute(), captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void aBackupWrittenByTheCommandRestoresIntoAnEmptyStore() throws Exception {
    DataSource pilot = targets.emptyH2gis();
    new JdbcTemplate(pilot).update("INSERT INTO district (name, code, geom) VALUES ('市南区', '370202',"
        + " ST_GeomFromText('MULTIPOLYGON (((120.3 36.0, 120.4 36.0, 120.4 36.1, 120.3 36.0)))', 4326))");
    Path file = Files.createTempDirectory("carecircle-cmd-out").resolve("pilot.zip");

    assertThat(run(command(pilot, "backup", file.toString())).getKey()).isZero();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertThat(StoreRestorer.readManifest(zip).totalRows()).isEqualTo(1);
    }

    DataSource production = targets.emptyH2gis();
    assertThat(run(command(production, "restore", file.toString())).getKey()).isZero();
    assertThat(new JdbcTemplate(production).queryForObject("SELECT name FROM district", String.class)).isEqualTo("市南区");

    Map.Entry<Integer, String> again = run(command(production, "restore", file.toString()));
    assertThat(again.getKey()).isEqualTo(1);
    assertThat(again.getValue()).contains("restore refused").contains("district (1 row)");
  }

  @Test
  void failuresExitWithOneAndSayWhy() throws Exception {
    DataSource store = targets.emptyH2gis();
    Map.Entry<Integer, String> unknown = run(command(store, "dump", "x.zip"));
    assertThat(unknown.getKey()).isEqualTo(1);
    assertThat(unknown.getValue()).contains("must be backup or restore");

    Map.Entry<Integer, String> noFile = run(command(store, "backup", ""));
    assertThat(noFile.getKey()).isEqualTo(1);
    assertThat(noFile.getValue()).contains("carecircle.backup.file is missing");

    Map.Entry<Integer, String> missing = run(command(store, "restore", "/nonexistent/pilot.zip"));
    assertThat(missing.getKey()).isEqualTo(1);
    assertThat(missing.getValue()).contains("there is no file");

    Path notABackup = Files.createTempFile("not-a-backup", ".zip");
    Files.writeString(notABackup, "hello");
    Map.Entry<Integer, String> damaged = run(command(store, "restore", notABackup.toString()));
    assertThat(damaged.getKey()).isEqualTo(1);
    assertThat(damaged.getValue()).contains("cannot be restored").contains("not a zip archive");
  }

  @Test
  void aCommandSwitchesTheWebServerOff() {
    StandardEnvironment environment = new StandardEnvironment();
    new BackupCommandEnvironment().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.main.web-application-type")).isNull();

    environment.getPropertySources().addFirst(new MapPropertySource("args", Map.of("carecircle.backup.command", "backup")));
    new BackupCommandEnvironment().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
  }
}
