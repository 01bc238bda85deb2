/**
 * Bootstraps the map page: reads the configuration and the type catalogue, builds the map and
 * the feature modules, loads the facilities and offers the demo data when the store is empty.
 *
 * Analysis layers (coverage zones now; population, gaps later) register with the LayerRegistry and
 * add their panels as side-panel sections; requests go through api.js, and uploads and long
 * server jobs run on a jobs.JobRunner (progress bar, cancel, outcome).
 *
 * Browser-test API: window.carecircle (see README.md in this folder). window.carecircle.ready
 * resolves once the first facility load has finished (or failed); document.body.dataset.appReady
 * is then "true".
 */
import { fetchConfig, fetchFacilityTypes, fetchMe, signOut } from './api.js';
import { Catalogue } from './catalogue.js';
import { AccessGapsPanel } from './accessGaps.js';
import { AreaDataPanel } from './areaData.js';
import { BackupPanel } from './backups.js';
import { CoveragePanel } from './coverage.js';
import { offerDemo } from './demo.js';
import { FacilityEditor } from './facilityEditor.js';
import { FacilityLayer } from './facilities.js';
import { FacilityHistory } from './facilityHistory.js';
import { applyTranslations, getLanguage, initLanguageSwitch, onLanguageChange, setLanguage, t } from './i18n.js';
import { Importer, initExportLinks } from './importExport.js';
import { createMap, initBaseMaps, LayerRegistry } from './map.js';
import { NetworkPanel } from './networks.js';
import { SitingPanel } from './siting.js';
import { describeError, initSheet, initSidePanel, showNotice } from './ui.js';
import { UsersPanel } from './users.js';

function showVersion(config) {
  const element = document.getElementById('app-version');
  const render = () => {
    element.textContent = config.version ? t('footer.version', { version: config.version }) : '';
  };
  render();
  onLanguageChange(render);
}

/**
 * Who is signed in decides what the page shows: body[data-role] hides the write controls from
 * viewers (app.css), admins get the Users section. A user who must change a one-time password is
 * sent to the sign-in page's password form first. Resolves with the user, or null when the page
 * is leaving.
 */
async function initAccount() {
  const me = await fetchMe();
  if (me.mustChangePassword) {
    window.location.replace('/login.html#change-password');
    return null;
  }
  document.body.dataset.role = me.role;
  const name = document.getElementById('account-name');
  const render = () => {
    name.textContent = t('account.signedInAs', { name: me.name, role: t(`role.${me.role}`) });
  };
  render();
  onLanguageChange(render);
  document.getElementById('account-bar').hidden = false;
  document.getElementById('sign-out').addEventListener('click', async () => {
    try {
      await signOut();
    } finally {
      window.location.replace('/login.html?signedOut');
    }
  });
  if (me.role === 'admin') {
    document.getElementById('users-section').hidden = false;
    new UsersPanel({ container: document.getElementById('users-body'), me }).refresh();
  }
  return me;
}

async function start(api) {
  applyTranslations(document);
  initLanguageSwitch();
  try {
    api.me = await initAccount();
  } catch (error) {
    // 401 has already sent the page to the sign-in page (api.js)
    showNotice({ id: 'startup-error', kind: 'error', text: t('error.startup', { message: describeError(error) }) });
    document.body.dataset.appError = 'true';
    return;
  }
  if (!api.me) {
    return;
  }
  initSheet();
  const map = createMap();
  api.map = map;
  const panel = initSidePanel(() => map.invalidateSize());
  const registry = new LayerRegistry(map);
  api.layers = registry;

  let config;
  let types;
  try {
    [config, types] = await Promise.all([fetchConfig(), fetchFacilityTypes()]);
  } catch (error) {
    showNotice({ id: 'startup-error', kind: 'error', text: t('error.startup', { message: describeError(error) }) });
    document.body.dataset.appError = 'true';
    initBaseMaps(map, registry, { tileUrl: '' });
    return;
  }
  showVersion(config);

  const catalogue = new Catalogue(types);
  let editor = null;
  let history = null;
  const layer = new FacilityLayer({
    map,
    catalogue,
    onEdit: (facility) => editor.openForm(facility),
    onDelete: (facility) => editor.confirmDelete(facility),
    onHistory: (facility) => history.open(facility),
  });
  registry.addOverlay(layer.overlay, 'map.facilities', { id: 'facilities' });
  layer.overlay.addTo(map);
  editor = new FacilityEditor({ map, catalogue, layer, expandPanel: panel.expand });
  history = new FacilityHistory({ layer, catalogue, expandPanel: panel.expand });

  const reloadAndFit = () => layer.refresh({ fit: true });
  // the importer wires itself to #import-button; nothing else needs a handle on it
  new Importer({ maxUploadBytes: config.maxUploadBytes, onImported: reloadAndFit, expandPanel: panel.expand });
  initExportLinks(layer);

  const networks = new NetworkPanel({ map, container: document.getElementById('network-body') });
  const coverage = new CoveragePanel({
    map,
    registry,
    catalogue,
    facilities: layer,
    networks,
    container: document.getElementById('coverage-body'),
    openFacility: (id) => layer.openFacility(id),
  });

  // population and districts: after an import it tells the panels built on them (AREA_DATA_CHANGED)
  const areaData = new AreaDataPanel({ container: document.getElementById('area-body') });

  const access = new AccessGapsPanel({
    map,
    registry,
    catalogue,
    facilities: layer,
    networks,
    container: document.getElementById('access-body'),
  });

  const siting = new SitingPanel({
    map,
    registry,
    catalogue,
    facilities: layer,
    networks,
    container: document.getElementById('siting-body'),
    refreshFacilities: () => layer.refresh(),
  });

  Object.assign(api, {
    catalogue,
    access: {
      run: () => access.run(),
      summary: () => access.summary,
      cellsDrawn: () => access.surface?.drawn ?? 0,
      formRequest: () => access.readRequest(),
      // for the surface drawing benchmark: a {lon, lat, minutes} surface drawn as after a run
      showSurface: (surface) => { access.clear(); access.showSurface(surface); return access.surface.drawn; },
      redrawSurface: () => { access.surface?.redraw(); return access.surface?.drawn ?? 0; },
    },
    facilityCount: () => layer.count(),
    visibleFacilityCount: () => layer.visibleCount(),
    facilityIds: () => [...layer.features.keys()],
    getFacility: (id) => layer.get(id),
    openFacility: (id) => layer.openFacility(id),
    editFacility: (id) => editor.openForm(layer.get(id)),
    startAddAt: (lon, lat) => editor.openForm(null, { lon, lat }),
    deleteFacility: (id) => editor.confirmDelete(layer.get(id)),
    refresh: () => layer.refresh(),
    isClustered: () => layer.isClustered(),
    setTypeVisible: (code, visible) => layer.setTypeVisible(code, visible),
    setStatusVisible: (status, visible) => layer.setStatusVisible(status, visible),
    fitToFacilities: () => layer.fitToFacilities(),
    areaData: {
      summary: () => areaData.summary,
      districts: () => areaData.districts,
      refresh: () => areaData.refresh(),
    },
    networks: {
      list: () => networks.networks,
      refresh: () => networks.refresh(),
      zoomTo: (id) => networks.zoomTo(id),
    },
    siting: {
      lastResult: () => siting.result?.answer ?? null,
      siteCount: () => siting.layer.siteCount(),
      candidateCount: () => siting.layer.candidateCount(),
      run: (request) => siting.run(request),
      cancel: () => siting.cancel(),
      formRequest: () => siting.readForm(),
      addExcludedArea: (ring) => siting.drawer.add(ring),
      clearExcludedAreas: () => siting.drawer.clear(),
      excludedAreas: () => siting.drawer.toGeoJson(),
      save: (request) => siting.scenarioPanel.save(request),
      scenario: () => siting.scenarioPanel.scenario,
      scenarios: () => siting.scenarioPanel.scenarios,
      refreshScenarios: () => siting.scenarioPanel.refresh(),
    },
    coverage: {
      lastResult: () => coverage.result?.sets[0].collection ?? null,
      comparison: () => coverage.result?.sets[1]?.collection ?? null,
      zoneCount: () => coverage.layer.count(),
      compute: (request, options) => coverage.compute(request, options),
      cancel: () => coverage.cancel(),
      formRequest: () => coverage.readForm(),
      pickedIds: () => [...coverage.picked],
      setPicked: (ids) => coverage.setPickedIds(ids),
    },
  });

  // backups are the admins' business (the API refuses everybody else)
  let backupsListed = Promise.resolve();
  if (api.me.role === 'admin') {
    document.getElementById('admin-section').hidden = false;
    const backups = new BackupPanel({ container: document.getElementById('backup-body') });
    api.backups = { list: () => backups.backups, refresh: () => backups.refresh(), create: () => backups.create() };
    backupsListed = backups.refresh();
  }

  // networks are listed while the facilities load; refresh() reports failures itself
  const networksListed = networks.refresh();
  // so are the population layer and the districts, which show their failure in their section
  const areaDataListed = areaData.refresh();
  // scenarios too; refreshScenarios() shows a failure in its list
  const scenariosListed = siting.scenarioPanel.refresh();

  try {
    await layer.refresh({ fit: true });
    access.fillTypes();
  } catch (error) {
    showNotice({ id: 'facilities-error', kind: 'error', text: t('facilities.loadFailed', { message: describeError(error) }) });
  }
  // Tiles only after the first fit: otherwise the whole-country view's tiles are fetched for nothing.
  initBaseMaps(map, registry, config);
  await networksListed;
  await areaDataListed;
  await scenariosListed;
  await backupsListed;
  await offerDemo(reloadAndFit);
}

const api = {
  map: null,
  language: () => getLanguage(),
  setLanguage: (lang) => setLanguage(lang),
  facilityCount: () => 0,
  visibleFacilityCount: () => 0,
};
window.carecircle = api;
api.ready = start(api)
  .catch((error) => {
    document.body.dataset.appError = 'true';
    showNotice({ id: 'startup-error', kind: 'error', text: t('error.startup', { message: describeError(error) }) });
  })
  .finally(() => {
    document.body.dataset.appReady = 'true';
  });
