package org.carecircle.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.carecircle.job.JobAccepted;
import org.carecircle.job.JobContext;
import org.carecircle.web.Uploads;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Backups of the whole store over HTTP, for administrators: make, list, download, delete, restore. */
@RestController
public class BackupController {
  private final BackupService backups;

  public BackupController(BackupService backups) {
    this.backups = backups;
  }

  @Operation(summary = "Make a backup of the whole store now",
      description = "Answers 202 with {jobId, statusUrl}; the job's result is the backup as the list shows it."
          + " includeNetworks=false leaves the road networks' folders out: they are named and must be imported"
          + " again after a restore.")
  @PostMapping("/api/admin/backups")
  public ResponseEntity<JobAccepted> create(
      @Parameter(description = "default: the setting carecircle.backup.include-networks (true)")
      @RequestParam(required = false) Boolean includeNetworks) {
    return JobAccepted.response(backups.startBackup(includeNetworks));
  }

  @Operation(summary = "The backups in the backup folder, newest first",
      description = "[{name, sizeBytes, createdAt, kind, sourceVendor, schemaVersion, tables, rows, networks,"
          + " networksIncluded, problem}]")
  @GetMapping("/api/admin/backups")
  public List<BackupSummary> list() {
    return backups.list();
  }

  @Operation(summary = "Download one backup (a zip file)")
  @GetMapping("/api/admin/backups/{name}")
  public ResponseEntity<Resource> download(@PathVariable String name) throws IOException {
    Path file = backups.file(name);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .contentLength(Files.size(file))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .body(new FileSystemResource(file));
  }

  @Operation(summary = "Delete one backup")
  @DeleteMapping("/api/admin/backups/{name}")
  public ResponseEntity<Void> delete(@PathVariable String name) throws IOException {
    backups.delete(name);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Restore a backup into this store, which must be empty",
      description = "Multipart field 'file'. Answers {backupCreatedAt, sourceVendor, schemaVersion, tables, rows,"
          + " networksRestored, networksToImport}; 409 when the store holds data or has another schema version;"
          + " 422 when the file is not a readable CareCircle backup. Nothing is written unless all of it is.")
  @PostMapping(path = "/api/admin/restore", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public RestoreReport restore(@RequestPart("file") MultipartFile file) throws IOException {
    return Uploads.withLocalCopy(file, "carecircle-restore", upload -> {
      try {
        return backups.restore(upload, JobContext.NONE);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException("the restore failed in the database; nothing was written", e);
      }
    });
  }
}
