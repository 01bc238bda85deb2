package org.carecircle.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.carecircle.job.JobContext;

/** Backup files for tests: written from a store, and copies with one entry changed or left out. */
final class BackupFiles {
  private BackupFiles() {}

  /** Writes a backup of {@code store} (networks from {@code networkFolder}) to a new temp file. */
  static Path write(DataSource store, Path networkFolder, boolean includeNetworks) throws Exception {
    Path file = Files.createTempFile("carecircle-test-backup", ".zip");
    new StoreBackupWriter(store, new StoreCatalogue(BackupProperties.DEFAULT_TRANSIENT_TABLES), networkFolder, Clock.systemUTC())
        .write(file, includeNetworks, BackupService.MANUAL, JobContext.NONE);
    return file;
  }

  /**
   * A copy of the zip with entries changed: an operator returning null leaves the entry out.
   *
   * @param changes entry name → new content from the old
   */
  static byte[] rewrite(Path zip, Map<String, UnaryOperator<byte[]>> changes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        byte[] content = in.getInputStream(entry).readAllBytes();
        UnaryOperator<byte[]> change = changes.getOrDefault(entry.getName(), UnaryOperator.identity());
        byte[] changed = change.apply(content);
        if (changed != null) {
          out.putNextEntry(new ZipEntry(entry.getName()));
          out.write(changed);
          out.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }
}
