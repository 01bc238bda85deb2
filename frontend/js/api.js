/**
 * Calls to the CareCircle backend. Every function resolves with the parsed JSON body (or nothing
 * for 204) and rejects with an ApiError, which carries the RFC 9457 problem+json fields the
 * backend sends for every error (title, status, detail, and where present `rejected` rows or
 * field `errors`). Network failures reject with an ApiError whose status is 0.
 *
 * Geometry is GeoJSON (RFC 7946): coordinates are [longitude, latitude] in WGS84.
 */

const JSON_ACCEPT = 'application/json, application/problem+json';
/** For the calls that may answer GeoJSON (accessibility gaps, district indicators). */
const GEO_JSON_ACCEPT = 'application/json, application/geo+json, application/problem+json';

/** Where the page goes when the server says nobody is signed in (the session ended). */
const LOGIN_PAGE = '/login.html';
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * The CSRF header for a write: the server sets the XSRF-TOKEN cookie and refuses page writes that
 * do not echo it in X-XSRF-TOKEN (another web site can send the cookie, but cannot read it). Read
 * afresh for every request, since the token changes at sign-in. Every write of the map page goes
 * through request() or upload() below, which add it.
 */
export function csrfHeaders(method = 'POST') {
  if (READ_METHODS.includes(method.toUpperCase())) {
    return {};
  }
  const entry = document.cookie.split('; ').find((part) => part.startsWith('XSRF-TOKEN='));
  return entry ? { 'X-XSRF-TOKEN': decodeURIComponent(entry.slice('XSRF-TOKEN='.length)) } : {};
}

/** The session ended (signed out elsewhere, expired, user disabled): back to the sign-in page. */
export function redirectIfSignedOut(status) {
  if (status === 401) {
    window.location.assign(LOGIN_PAGE);
  }
}

export class ApiError extends Error {
  /**
   * @param {object} problem  the problem+json body, or a stand-in built from the response
   * @param {number} problem.status  HTTP status; 0 = no answer (network down, aborted)
   */
  constructor(problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status ?? 0;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    /** Rows of a rejected import: [{row, field, message}]; row and field may be null. */
    this.rejected = Array.isArray(problem.rejected) ? problem.rejected : [];
    /** Field errors of a rejected request body: [{field, message}]. */
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }

  /** True when the server never answered (offline, refused, aborted). */
  get isNetworkError() {
    return this.status === 0;
  }
}

/**
 * Turns a non-2xx response body into an ApiError. problem+json bodies keep all their fields;
 * anything else (an HTML error page from a proxy, plain text) becomes a problem with that status.
 */
function problemFrom(status, statusText, contentType, bodyText) {
  if (contentType && /json/i.test(contentType) && bodyText) {
    try {
      const body = JSON.parse(bodyText);
      if (body && typeof body === 'object') {
        return new ApiError({ ...body, status: body.status ?? status });
      }
    } catch {
      // not JSON after all; fall back to the status line
    }
  }
  return new ApiError({ status, title: statusText || `HTTP ${status}`, detail: '' });
}

/**
 * The one place the map page calls fetch(): sends body (if any) as JSON with the CSRF header on
 * writes, resolves with the parsed JSON answer (undefined for an empty one, e.g. 204), rejects
 * with an ApiError (status 0 and `aborted` when the signal aborted it); a 401 sends the page to
 * the sign-in page first.
 */
async function request(method, url, body, { signal, headers, accept = JSON_ACCEPT } = {}) {
  const init = { method, headers: { Accept: accept, ...csrfHeaders(method), ...headers }, signal };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    const error = new ApiError({ status: 0, title: 'Network error', detail: String(cause?.message || cause) });
    error.aborted = cause?.name === 'AbortError';
    throw error;
  }
  const text = await response.text();
  const contentType = response.headers.get('Content-Type');
  if (!response.ok) {
    redirectIfSignedOut(response.status);
    throw problemFrom(response.status, response.statusText, contentType, text);
  }
  return text ? JSON.parse(text) : undefined;
}

/**
 * Appends the non-empty entries of params as a query string. Arrays become comma-separated lists
 * (each item encoded, the commas not, as the API documents them: type=a,b).
 */
export function withQuery(path, params = {}) {
  const parts = [];
  Object.entries(params).forEach(([key, value]) => {
    const items = (Array.isArray(value) ? value : [value])
      .filter((item) => item !== undefined && item !== null && item !== '');
    if (items.length) {
      parts.push(`${encodeURIComponent(key)}=${items.map((item) => encodeURIComponent(item)).join(',')}`);
    }
  });
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** {tileUrl, tileAttribution, maxUploadBytes, version}; tileUrl "" means no base map. */
export function fetchConfig() {
  return request('GET', '/api/config');
}

/** The facility type catalogue: {groups: [{code, nameZh, nameEn}], types: [{code, ..., color, icon}]}. */
export function fetchFacilityTypes() {
  return request('GET', '/api/facility-types');
}

/** Facilities asked for per page: the server's largest page (carecircle.paging.max-limit default). */
const FACILITY_PAGE_SIZE = 10000;

/**
 * Facilities as one GeoJSON FeatureCollection. The server answers page by page (numberMatched,
 * links rel=next); this follows every next link and joins the pages, so callers get the whole
 * registry however large it is.
 * @param {{types?: string[], statuses?: string[], bbox?: number[]}} filter
 *        bbox is [minLon, minLat, maxLon, maxLat]; omitted filters mean "all".
 */
export async function fetchFacilities(filter = {}) {
  const query = { type: filter.types, status: filter.statuses, bbox: filter.bbox };
  let url = withQuery('/api/facilities', { ...query, limit: FACILITY_PAGE_SIZE });
  const features = [];
  let numberMatched = 0;
  while (url) {
    let page;
    try {
      page = await request('GET', url);
    } catch (error) {
      const limitRefused = error.status === 422 && (error.rejected || []).some((row) => row.field === 'limit');
      if (limitRefused && !features.length) {
        // a server configured with a smaller largest page: let it choose the page size
        url = withQuery('/api/facilities', query);
        continue;
      }
      throw error;
    }
    features.push(...(page.features || []));
    numberMatched = page.numberMatched ?? features.length;
    const next = (page.links || []).find((link) => link.rel === 'next');
    url = next ? next.href : null;
  }
  return { type: 'FeatureCollection', features, numberMatched };
}

/** Stores a new facility (a Feature without id); resolves with the stored Feature. */
export function createFacility(feature) {
  return request('POST', '/api/facilities', feature);
}

/**
 * If-Match for the version a planner edited (the facility's properties.version); no header for
 * an unknown version.
 */
function ifMatch(version) {
  return Number.isInteger(version) ? { 'If-Match': `"${version}"` } : {};
}

/**
 * Replaces facility id with feature, if it is still at `version` (the version the planner
 * edited); resolves with the stored Feature. A stale version rejects with status 409 and the
 * problem's storedVersion, yourVersion and stored (the facility as saved by someone else).
 */
export function updateFacility(id, feature, version) {
  return request('PUT', `/api/facilities/${encodeURIComponent(id)}`, feature, { headers: ifMatch(version) });
}

/**
 * A facility's change history: {facilityId, entries: [{id, version, action, user, changedAt,
 * before, after, changes: [{field, before, after}]}]}, newest first; also for a deleted facility.
 */
export function fetchFacilityHistory(id) {
  return request('GET', `/api/facilities/${encodeURIComponent(id)}/history`);
}

/**
 * Brings back version `version` of facility id (recorded as a restore); `currentVersion` is the
 * version the planner saw (If-Match). Resolves with the stored Feature.
 */
export function restoreFacilityVersion(id, version, currentVersion) {
  return request('POST', `/api/facilities/${encodeURIComponent(id)}/history/${encodeURIComponent(version)}/restore`,
    undefined, { headers: ifMatch(currentVersion) });
}

export function deleteFacility(id, version) {
  return request('DELETE', `/api/facilities/${encodeURIComponent(id)}`, undefined, { headers: ifMatch(version) });
}

/** The download URL for all facilities, or those matching the filter, in format geojson|csv|gpkg. */
export function exportUrl(format, filter = {}) {
  return withQuery('/api/facilities/export', { format, type: filter.types, status: filter.statuses });
}

/** {available, storeEmpty, facilityCount, descriptionZh, descriptionEn}. */
export function fetchDemo() {
  return request('GET', '/api/demo');
}

/** Loads the synthetic demo dataset; resolves with {imported}. */
export function loadDemo() {
  return request('POST', '/api/demo/load');
}

/**
 * Uploads a facility file for import, reporting upload progress. The import is all or nothing on
 * the server: a rejected file (422/400/413) rejects the promise with an ApiError whose `rejected`
 * lists the offending rows, and nothing was written.
 *
 * @param {File} file
 * @param {{crs?: string, encoding?: string, lonColumn?: string, latColumn?: string, layer?: string}} options
 * @param {(loadedBytes: number, totalBytes: number) => void} onProgress  called during the upload
 * @param {() => void} onUploaded  called once the last byte is sent (the server then parses)
 * @returns {{promise: Promise<{imported, created, updated, rejected}>, abort: () => void}}
 */
export function importFacilities(file, options, onProgress, onUploaded) {
  return upload(withQuery('/api/facilities/import', options), file, onProgress, onUploaded);
}

/* ---------------------------------------------------------------- road networks */

/**
 * The stored road networks: [{id, name, bbox: [minLon, minLat, maxLon, maxLat], nodeCount,
 * edgeCount, profiles: ["walk", "drive", "ambulance"], createdAt}].
 */
export function fetchNetworks() {
  return request('GET', '/api/networks');
}

export function deleteNetwork(id) {
  return request('DELETE', `/api/networks/${encodeURIComponent(id)}`);
}

/**
 * Uploads an OpenStreetMap extract (.osm.pbf) to build a road network from. The server answers
 * 202 {jobId, state} at once and builds the graph in a background job (see jobs.js); an empty
 * name lets the server choose one.
 * @returns {{promise: Promise<{jobId: string, state: string}>, abort: () => void}}
 */
export function importNetwork(file, name, onProgress, onUploaded) {
  return upload(withQuery('/api/networks/import', { name }), file, onProgress, onUploaded);
}

/* ---------------------------------------------------------------- population and districts */

/**
 * The population layer at a glance: {cells, totalPopulation, bbox, source: {sourceName,
 * sourceFormat, crs, valueColumn, importedAt} or null when nothing was imported}.
 */
export function fetchPopulationSummary() {
  return request('GET', '/api/population/summary');
}

/**
 * Uploads a population file (GeoTIFF, CSV, GeoJSON, GeoPackage) to replace the layer; the server
 * answers 202 {jobId} and writes the cells in a background job (see jobs.js) whose result is
 * {cells, totalPopulation, droppedNoData, droppedZero, format, crs, valueColumn, bbox, warnings}.
 * @param {{crs?: string, valueColumn?: string}} options  empty ones are left out
 * @returns {{promise: Promise<{jobId: string, state: string}>, abort: () => void}}
 */
export function startPopulationImport(file, options, onProgress, onUploaded) {
  return upload(withQuery('/api/population/import-jobs', options), file, onProgress, onUploaded);
}

/**
 * One page of districts as a GeoJSON FeatureCollection (properties id, name, code, population,
 * populationSource…) with numberMatched, the count of all districts.
 */
export function fetchDistricts({ limit } = {}) {
  return request('GET', withQuery('/api/districts', { limit }), undefined, { accept: GEO_JSON_ACCEPT });
}

/**
 * Uploads district boundaries (GeoJSON, GeoPackage, OSM PBF); all or nothing, answered at once:
 * {imported, districts: [{id, name, code}], crs, warnings}; a bad file rejects with the rows.
 * @param {{crs?: string}} options
 * @returns {{promise: Promise<object>, abort: () => void}}
 */
export function importDistricts(file, options, onProgress, onUploaded) {
  return upload(withQuery('/api/districts/import', options), file, onProgress, onUploaded);
}

/* ---------------------------------------------------------------- backups (administration) */

/**
 * The backups in the server's backup folder, newest first: [{name, sizeBytes, createdAt, kind
 * (manual|scheduled), sourceVendor, schemaVersion, tables, rows, networks, networksIncluded,
 * problem (null, or why the file cannot be restored)}].
 */
export function fetchBackups() {
  return request('GET', '/api/admin/backups');
}

/** Starts a backup of the whole store: 202 {jobId}; the job's result is the new backup's entry. */
export function startBackup() {
  return request('POST', '/api/admin/backups');
}

export function deleteBackup(name) {
  return request('DELETE', `/api/admin/backups/${encodeURIComponent(name)}`);
}

/** Where the browser downloads one backup (a zip file). */
export function backupDownloadUrl(name) {
  return `/api/admin/backups/${encodeURIComponent(name)}`;
}

/* ---------------------------------------------------------------- background jobs */

/**
 * One background job: {id, kind, state: queued|running|succeeded|failed|cancelled,
 * progress: 0..1 or null, message, result (when succeeded), error: problem (when failed)}.
 */
export function fetchJob(jobId, { signal } = {}) {
  return request('GET', `/api/jobs/${encodeURIComponent(jobId)}`, undefined, { signal });
}

/** Asks the server to stop a job; it ends in state "cancelled" unless it had already finished. */
export function cancelJob(jobId) {
  return request('DELETE', `/api/jobs/${encodeURIComponent(jobId)}`);
}

/* ---------------------------------------------------------------- coverage zones */

/**
 * Starts computing coverage zones; resolves with {jobId}. The request is described in
 * coverage.js (buildRequest); a request the server refuses rejects with a 422 ApiError whose
 * `rejected` items name the request field.
 */
export function startCoverageJob(coverageRequest, { signal } = {}) {
  return request('POST', '/api/coverage-zones/jobs', coverageRequest, { signal });
}

/**
 * A computed zone set: a GeoJSON FeatureCollection with the extra members zoneSetId,
 * parameters (the request) and unreachable ([{facilityId, facilityName, pointIndex, message}]).
 * Each feature is one band of one facility (or of all, when dissolved), largest band first.
 */
export function fetchCoverageZones(zoneSetId, { signal } = {}) {
  return request('GET', `/api/coverage-zones/${encodeURIComponent(zoneSetId)}`, undefined, { signal });
}

/** The download URL of a zone set as GeoJSON. */
export function coverageExportUrl(zoneSetId) {
  return `/api/coverage-zones/${encodeURIComponent(zoneSetId)}/export`;
}

/* ---------------------------------------------------------------- siting and scenarios */

/**
 * Starts choosing new station sites; resolves with {jobId}. The job's result is the siting answer
 * described in siting.js. A request the server refuses at once rejects with a 422 ApiError whose
 * `rejected` items name the request field (candidateGrid.spacingMeters, turnoutMinutes, …).
 */
export function startSitingJob(sitingRequest) {
  return request('POST', '/api/siting/jobs', sitingRequest);
}

/**
 * Saves a siting result as a scenario: {name, resultId, typeCode}. Resolves with the scenario
 * {id, name, typeCode, createdAt, resultId, summary: {…, before, after}, sites: [{rank, facilityId, …}]};
 * its sites are now facilities with status "planned". A taken name rejects with a 422 (field `name`).
 */
export function createScenario(scenarioRequest) {
  return request('POST', '/api/scenarios', scenarioRequest);
}

/** All saved scenarios, each as createScenario answers it. */
export function fetchScenarios() {
  return request('GET', '/api/scenarios');
}

/** Deletes a scenario and its planned facilities (204). */
export function deleteScenario(id) {
  return request('DELETE', `/api/scenarios/${encodeURIComponent(id)}`);
}

/** The download URL of a scenario's planned facilities in format geojson|csv|gpkg. */
export function scenarioExportUrl(id, format) {
  return withQuery(`/api/scenarios/${encodeURIComponent(id)}/export`, { format });
}

/* ---------------------------------------------------------------- accessibility (access gaps) */

/**
 * Starts an accessibility computation: {networkId, facilityFilter: {types, statuses}, mode,
 * minutes: [threshold]}; resolves with {jobId}. The job's result is {resultId}.
 */
export function startAccessibilityJob(accessibilityRequest) {
  return request('POST', '/api/accessibility/jobs', accessibilityRequest, { accept: GEO_JSON_ACCEPT });
}

/** The summary of a computed surface: {resultId, totalPopulation, cells, facilities, covered, coveredShare, unreachablePopulation}. */
export function fetchAccessibility(resultId) {
  return request('GET', `/api/accessibility/${resultId}`, undefined, { accept: GEO_JSON_ACCEPT });
}

/** The surface as parallel arrays {lon: [], lat: [], minutes: []} (minutes null where unreachable). */
export function fetchAccessibilitySurface(resultId) {
  return request('GET', `/api/accessibility/${resultId}/surface`, undefined, { accept: GEO_JSON_ACCEPT });
}

/** The gap polygons beyond `minutes`, dissolved: a FeatureCollection with minutes and gapPopulation. */
export function fetchAccessibilityGaps(resultId, minutes) {
  return request('GET', `/api/accessibility/${resultId}/gaps?minutes=${minutes}&dissolve=true`, undefined,
    { accept: GEO_JSON_ACCEPT });
}

/** The download URL of the dissolved gap polygons beyond `minutes`. */
export function accessibilityGapsExportUrl(resultId, minutes) {
  return `/api/accessibility/${resultId}/gaps/export?minutes=${minutes}&dissolve=true`;
}

/* ---------------------------------------------------------------- district indicators and standards */

/**
 * The planning indicators of every district, judged against standard `standardCode`, with the
 * access shares on network `networkId`: a GeoJSON FeatureCollection, one feature per district.
 */
export function fetchDistrictIndicators(standardCode, networkId) {
  return request('GET', districtIndicatorsUrl(standardCode, networkId, 'geojson'), undefined, { accept: GEO_JSON_ACCEPT });
}

/** The URL of the district indicators in format geojson|csv (the CSV is the table's download). */
export function districtIndicatorsUrl(standardCode, networkId, format) {
  return `/api/districts/indicators?standard=${encodeURIComponent(standardCode)}&networkId=${networkId}&format=${format}`;
}

/** The planning standards with their targets: [{code, name, targets: [{code, name, kind, value, minutes, changed, fileValue}]}]. */
export function fetchStandards() {
  return request('GET', '/api/standards', undefined, { accept: GEO_JSON_ACCEPT });
}

/** Changes one target's pass mark: body {value, minutes?} (access values as a share 0..1). */
export function saveStandardTarget(standardCode, targetCode, body) {
  return request('PUT', standardTargetUrl(standardCode, targetCode), body, { accept: GEO_JSON_ACCEPT });
}

/** Puts one target back to the standards file's value. */
export function resetStandardTarget(standardCode, targetCode) {
  return request('DELETE', standardTargetUrl(standardCode, targetCode), undefined, { accept: GEO_JSON_ACCEPT });
}

function standardTargetUrl(standardCode, targetCode) {
  return `/api/standards/${encodeURIComponent(standardCode)}/targets/${encodeURIComponent(targetCode)}`;
}

/* ---------------------------------------------------------------- account and users */

/** The signed-in user: {name, role: viewer|planner|admin, roles (with those included), mustChangePassword}. */
export function fetchMe() {
  return request('GET', '/api/me');
}

/** Ends the session (204); the page then goes to the sign-in page. */
export function signOut() {
  return request('POST', '/logout');
}

/** Admins: all users [{name, role, enabled, mustChangePassword, createdAt}]. */
export function fetchUsers() {
  return request('GET', '/api/admin/users');
}

/** Admins: {name, password, role, mustChangePassword}; a taken name or weak password rejects with 422. */
export function createUser(user) {
  return request('POST', '/api/admin/users', user);
}

/** Admins: disables (false) or enables (true) a user. */
export function setUserEnabled(name, enabled) {
  return request('PUT', `/api/admin/users/${encodeURIComponent(name)}/enabled`, { enabled });
}

/** Admins: gives a user another role (viewer, planner, admin). */
export function setUserRole(name, role) {
  return request('PUT', `/api/admin/users/${encodeURIComponent(name)}/role`, { role });
}

/* ---------------------------------------------------------------- uploads */

/**
 * POSTs file as the multipart field `file`, reporting upload progress, and resolves with the
 * JSON answer.
 *
 * fetch() cannot report upload progress, hence XMLHttpRequest. abort() rejects the promise with
 * an ApiError whose `aborted` is true.
 */
function upload(url, file, onProgress, onUploaded) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', JSON_ACCEPT);
    Object.entries(csrfHeaders('POST')).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && onProgress) {
        onProgress(event.loaded, event.total);
      }
    });
    xhr.upload.addEventListener('load', () => onUploaded && onUploaded());
    xhr.addEventListener('load', () => {
      const contentType = xhr.getResponseHeader('Content-Type');
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch {
          reject(new ApiError({ status: xhr.status, title: 'Invalid response', detail: '' }));
        }
      } else {
        redirectIfSignedOut(xhr.status);
        reject(problemFrom(xhr.status, xhr.statusText, contentType, xhr.responseText));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError({ status: 0, title: 'Network error' })));
    xhr.addEventListener('abort', () => {
      const error = new ApiError({ status: 0, title: 'Aborted' });
      error.aborted = true;
      reject(error);
    });
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}
