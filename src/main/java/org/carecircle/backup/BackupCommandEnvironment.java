package org.carecircle.backup;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts CareCircle without its web server when {@code carecircle.backup.command} is set, so that
 * a backup or restore from the command line neither needs nor takes the HTTP port. Registered in
 * {@code META-INF/spring.factories}.
 */
public class BackupCommandEnvironment implements EnvironmentPostProcessor {
  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String command = environment.getProperty("carecircle.backup.command", "");
    if (!command.isBlank()) {
      environment.getPropertySources().addFirst(new MapPropertySource("carecircle-backup-command",
          Map.of("spring.main.web-application-type", "none", "spring.main.banner-mode", "off")));
    }
  }
}
