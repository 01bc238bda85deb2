package org.carecircle.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * The {@code carecircle.*} settings of application.yml.
 *
 * @param importSettings limits for uploaded files
 * @param catalogue where the facility type catalogue comes from
 * @param map base-map settings for the page
 * @param network road networks: where they are kept and how they are built
 * @param jobs the background job pool
 * @param coverage coverage-zone model settings
 */
@ConfigurationProperties("carecircle")
public record CareCircleProperties(
    @Name("import") Import importSettings, Catalogue catalogue, MapSettings map, NetworkSettings network,
    JobSettings jobs, CoverageSettings coverage) {

  /** @param maxFileSize largest upload accepted, e.g. 200MB */
  public record Import(DataSize maxFileSize) {}

  /** @param facilityTypesFile a YAML file on disk replacing the packaged catalogue; empty = packaged */
  public record Catalogue(String facilityTypesFile) {}

  /**
   * @param tileUrl Leaflet tile URL template, or empty for no base map
   * @param tileAttribution attribution shown with the tiles
   */
  public record MapSettings(String tileUrl, String tileAttribution) {}

  /**
   * @param directory folder holding one subfolder per imported network (GraphHopper's graph and
   *     CareCircle's network file); default {@code ./data/networks}. Use one folder per database.
   * @param ambulanceSpeedFactor ambulance travel times are car times divided by this (&gt; 0);
   *     1.0 (default) = as fast as cars, 1.2 = 20 % faster
   * @param minNetworkSize GraphHopper's subnetwork removal: pieces of road that are disconnected
   *     from the rest and smaller than this many edges (per travel mode) are left out, so that
   *     points do not snap onto islands such as a parking lot reached only through a mapping
   *     error; the largest piece is always kept. Default 200, GraphHopper's own default; 0 keeps
   *     everything
   * @param maxLoadedNetworks most road networks held in memory at once, with everything derived
   *     from them; the least recently used leaves memory first and is read from disk again when
   *     asked for. Default 2: a city network of a million nodes holds a few hundred MB
   */
  public record NetworkSettings(String directory, Double ambulanceSpeedFactor, Integer minNetworkSize,
      Integer maxLoadedNetworks) {
    public static final String DEFAULT_DIRECTORY = "./data/networks";
    public static final double DEFAULT_AMBULANCE_SPEED_FACTOR = 1.0;
    public static final int DEFAULT_MIN_NETWORK_SIZE = 200;
    public static final int DEFAULT_MAX_LOADED_NETWORKS = 2;

    public NetworkSettings {
      directory = directory == null || directory.isBlank() ? DEFAULT_DIRECTORY : directory;
      ambulanceSpeedFactor = ambulanceSpeedFactor == null ? DEFAULT_AMBULANCE_SPEED_FACTOR : ambulanceSpeedFactor;
      minNetworkSize = minNetworkSize == null ? DEFAULT_MIN_NETWORK_SIZE : minNetworkSize;
      maxLoadedNetworks = maxLoadedNetworks == null ? DEFAULT_MAX_LOADED_NETWORKS : maxLoadedNetworks;
      if (maxLoadedNetworks < 1) {
        throw new IllegalArgumentException("carecircle.network.max-loaded-networks must be >= 1, was "
            + maxLoadedNetworks);
      }
      if (!(ambulanceSpeedFactor > 0) || ambulanceSpeedFactor.isInfinite()) {
        throw new IllegalArgumentException("carecircle.network.ambulance-speed-factor must be a number > 0, was "
            + ambulanceSpeedFactor);
      }
      if (minNetworkSize < 0) {
        throw new IllegalArgumentException("carecircle.network.min-network-size must be >= 0, was " + minNetworkSize);
      }
    }
  }

  /**
   * @param workerThreads jobs running at once (default 2)
   * @param queueCapacity jobs that may wait for a worker (default 20)
   * @param retention how long a finished job's status and result stay available (default 1 hour)
   */
  public record JobSettings(Integer workerThreads, Integer queueCapacity, Duration retention) {
    public JobSettings {
      workerThreads = workerThreads == null ? 2 : workerThreads;
      queueCapacity = queueCapacity == null ? 20 : queueCapacity;
      retention = retention == null ? Duration.ofHours(1) : retention;
    }
  }

  /**
   * @param maxSnapMeters a facility farther than this from every road of the mode is "not
   *     reachable from the road network" (default 1000 m)
   * @param maxOffRoadMeters places farther than this from their nearest road are never inside a
   *     network zone (default 300 m: beyond it lie parks, fields and water, not homes)
   * @param walkRadiusSpeedKmh speed behind the radius method for walking (default 5 km/h, the
   *     off-road walking speed; 15 min = 1,250 m)
   * @param driveRadiusSpeedKmh speed behind the radius method for driving and ambulances (default
   *     30 km/h, a typical urban average including junctions; 15 min = 7.5 km)
   */
  public record CoverageSettings(Double maxSnapMeters, Double maxOffRoadMeters, Double walkRadiusSpeedKmh,
      Double driveRadiusSpeedKmh) {
    public CoverageSettings {
      maxSnapMeters = maxSnapMeters == null ? 1000.0 : maxSnapMeters;
      maxOffRoadMeters = maxOffRoadMeters == null ? 300.0 : maxOffRoadMeters;
      walkRadiusSpeedKmh = walkRadiusSpeedKmh == null ? 5.0 : walkRadiusSpeedKmh;
      driveRadiusSpeedKmh = driveRadiusSpeedKmh == null ? 30.0 : driveRadiusSpeedKmh;
    }
  }

  public CareCircleProperties {
    importSettings = importSettings != null ? importSettings : new Import(DataSize.ofMegabytes(200));
    catalogue = catalogue != null ? catalogue : new Catalogue("");
    map = map != null ? map : new MapSettings("", "");
    network = network != null ? network : new NetworkSettings(null, null, null, null);
    jobs = jobs != null ? jobs : new JobSettings(null, null, null);
    coverage = coverage != null ? coverage : new CoverageSettings(null, null, null, null);
  }
}
