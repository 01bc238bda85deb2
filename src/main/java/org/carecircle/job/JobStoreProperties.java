package org.carecircle.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code carecircle.job-store.*} settings: how instances sharing one database keep each other
 * informed about their jobs. Pool size, queue and retention stay in {@code carecircle.jobs}.
 *
 * @param heartbeatInterval how often an instance writes its jobs' heartbeat and progress and reads
 *     cancel requests made on other instances; default 1 s. A cancel sent to another instance
 *     takes effect within about this long plus the job's next step
 * @param instanceTimeout a job whose heartbeat is older than this is taken to have lost its
 *     instance (killed, crashed, restarted) and is failed as "interrupted by a restart"; default
 *     30 s. Must be well above the heartbeat interval and above the longest pause an instance may
 *     take (full garbage collections), else live jobs would be failed
 * @param pollingInterval how often db-scheduler looks for waiting jobs of this instance when it
 *     has not been woken up by a submission or a finished job; default 1 s
 */
@ConfigurationProperties("carecircle.job-store")
public record JobStoreProperties(Duration heartbeatInterval, Duration instanceTimeout, Duration pollingInterval) {
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_INSTANCE_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(1);

  public JobStoreProperties {
    heartbeatInterval = heartbeatInterval == null ? DEFAULT_HEARTBEAT_INTERVAL : heartbeatInterval;
    instanceTimeout = instanceTimeout == null ? DEFAULT_INSTANCE_TIMEOUT : instanceTimeout;
    pollingInterval = pollingInterval == null ? DEFAULT_POLLING_INTERVAL : pollingInterval;
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("carecircle.job-store.heartbeat-interval must be > 0, was "
          + heartbeatInterval);
    }
    if (instanceTimeout.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("carecircle.job-store.instance-timeout must be at least three heartbeat"
          + " intervals (" + heartbeatInterval.multipliedBy(3) + "), was " + instanceTimeout);
    }
    if (pollingInterval.isNegative() || pollingInterval.isZero()) {
      throw new IllegalArgumentException("carecircle.job-store.polling-interval must be > 0, was " + pollingInterval);
    }
  }

  /** The defaults, for code that builds a job service by hand (tests). */
  public static JobStoreProperties defaults() {
    return new JobStoreProperties(null, null, null);
  }
}
