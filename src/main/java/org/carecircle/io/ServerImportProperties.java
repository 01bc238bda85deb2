package org.carecircle.io;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code carecircle.import.server-folders} setting: the folders on the server from which a
 * client may ask CareCircle to read a file by path (e.g. a large {@code .osm.pbf} copied there by
 * an administrator). Empty (the default) turns server-side import off: files must be uploaded.
 *
 * @param serverFolders absolute folders; a file is accepted only when its real path (symbolic
 *     links followed) lies inside one of them
 */
@ConfigurationProperties("carecircle.import")
public record ServerImportProperties(List<String> serverFolders) {
  public ServerImportProperties {
    serverFolders = serverFolders == null ? List.of()
        : serverFolders.stream().filter(folder -> folder != null && !folder.isBlank()).map(String::trim).toList();
  }
}
