package org.carecircle.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.carecircle.error.InputRejectedException;
import org.carecircle.job.JobContext;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line mode, for scripts and for moving a pilot to production:
 *
 * <pre>
 * java -jar carecircle.jar --carecircle.backup.command=backup  --carecircle.backup.file=pilot.zip
 * CARECIRCLE_DB_URL=jdbc:postgresql://db/carecircle \
 * java -jar carecircle.jar --carecircle.backup.command=restore --carecircle.backup.file=pilot.zip
 * </pre>
 *
 * CareCircle then starts without its web server ({@link BackupCommandEnvironment}), migrates the
 * store as usual, runs the one command against it, prints one line saying what happened and exits
 * with 0 (done) or 1 (failed, with the reason).
 */
@Component
@ConditionalOnExpression("!'${carecircle.backup.command:}'.isBlank()")
public class BackupCommand implements ApplicationRunner {
  private final BackupService backups;
  private final BackupProperties settings;
  private final ConfigurableApplicationContext context;

  public BackupCommand(BackupService backups, BackupProperties settings, ConfigurableApplicationContext context) {
    this.backups = backups;
    this.settings = settings;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    int code = execute();
    System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
  }

  /** Runs the command, prints its outcome, and answers the exit code: 0 done, 1 failed. */
  int execute() {
    String command = settings.command().toLowerCase(Locale.ROOT);
    if (settings.file().isEmpty()) {
      return fail("carecircle.backup.file is missing: name the backup file to " + command);
    }
    Path file = Path.of(settings.file()).toAbsolutePath().normalize();
    try {
      switch (command) {
        case "backup" -> {
          BackupManifest manifest = backups.writeTo(file, JobContext.NONE);
          System.out.println("CareCircle backup written to " + file + ": " + manifest.tables().size() + " tables, "
              + manifest.totalRows() + " rows, " + manifest.networks().size() + " road networks, schema version "
              + manifest.schemaVersion());
        }
        case "restore" -> {
          if (!Files.isRegularFile(file)) {
            return fail("there is no file " + file);
          }
          RestoreReport report = backups.restore(file, JobContext.NONE);
          System.out.println("CareCircle backup " + file + " restored: " + report.tables() + " tables, "
              + report.rows() + " rows, road networks restored: " + report.networksRestored()
              + (report.networksToImport().isEmpty() ? "" : ", to import again: " + report.networksToImport()));
        }
        default -> {
          return fail("carecircle.backup.command must be backup or restore, not '" + settings.command() + "'");
        }
      }
      return 0;
    } catch (InputRejectedException e) {
      return fail(file.getFileName() + " cannot be restored: " + e.getMessage());
    } catch (RestoreRefusedException e) {
      return fail("restore refused: " + e.getMessage());
    } catch (Exception e) {
      return fail(command + " failed: " + e);
    }
  }

  private static int fail(String message) {
    System.err.println("CareCircle: " + message);
    return 1;
  }
}
