/**
 * UI strings in Chinese and English, the current language, and locale-aware number formatting.
 *
 * The language is chosen once from localStorage (the user's last choice) or navigator.language
 * (zh* → Chinese, anything else → English). Facility type and group names are not here: they come
 * from the catalogue (nameZh / nameEn), see catalogue.js.
 *
 * Static markup is translated through attributes, so a module that builds DOM only has to set them
 * and call applyTranslations(root):
 *   data-i18n="key"              → textContent (placeholders from data-i18n-args, a JSON object)
 *   data-i18n-title="key"        → title
 *   data-i18n-placeholder="key"  → placeholder
 *   data-i18n-aria-label="key"   → aria-label
 */

const STORAGE_KEY = 'carecircle.lang';

/** Supported languages; the first is the fallback for a missing key. */
export const LANGUAGES = ['en', 'zh'];

const DICTIONARIES = {
  zh: {
    'app.name': 'CareCircle 健康服务圈',
    'app.tagline': '医疗卫生设施规划',
    'lang.switch': '界面语言',
    'panel.collapse': '收起侧栏',
    'panel.expand': '展开侧栏',
    'panel.close': '关闭',
    'common.cancel': '取消',
    'common.save': '保存',
    'common.delete': '删除',
    'common.edit': '编辑',
    'common.close': '关闭',
    'common.dismiss': '暂不需要',
    'common.retry': '重试',
    'common.none': '—',
    'common.loading': '加载中…',
    'common.listSeparator': '、',

    'map.label': '地图',
    'map.baseOsm': '在线底图',
    'map.baseNone': '无底图',
    'map.facilities': '医疗卫生设施',
    'map.tilesOffline': '底图不可用 — 离线工作中',
    'map.tilesOfflineDetail': '无法加载底图瓦片，设施与分析功能不受影响。',
    'map.noTiles': '未配置底图 — 显示空白背景',

    'facilities.heading': '设施',
    'facilities.summary': '显示 {visible} / 共 {total} 个设施',
    'facilities.empty': '暂无设施。可导入文件，或在地图上添加。',
    'facilities.loadFailed': '设施加载失败：{message}',
    'facilities.statusFilter': '状态',
    'facilities.showAll': '全部',
    'facilities.showNone': '全不选',
    'facilities.unknownType': '未知类型（{code}）',

    'status.existing': '现状',
    'status.planned': '规划',
    'status.candidate': '候选',
    'status.closed': '已关闭',

    'field.name': '名称',
    'field.type': '类型',
    'field.status': '状态',
    'field.beds': '床位数',
    'field.physicians': '医师数',
    'field.nurses': '护士数',
    'field.ambulances': '救护车数',
    'field.address': '地址',
    'field.externalId': '外部编号',
    'field.lon': '经度',
    'field.lat': '纬度',
    'field.attributes': '其他属性',
    'field.coordinates': '坐标',

    'popup.edit': '编辑',
    'popup.delete': '删除',

    'form.addTitle': '新增设施',
    'form.editTitle': '编辑设施',
    'form.coordsHint': 'WGS84 经纬度；可拖动地图上的标记调整位置。',
    'form.required': '必填',
    'form.nonNegativeInteger': '请输入非负整数',
    'form.lonRange': '经度须在 -180 到 180 之间',
    'form.latRange': '纬度须在 -90 到 90 之间',
    'form.saved': '已保存“{name}”',
    'form.saving': '正在保存…',
    'form.saveFailed': '保存失败',

    'delete.title': '删除设施',
    'delete.message': '确定删除“{name}”？此操作无法撤销。',
    'delete.done': '已删除“{name}”',
    'delete.failed': '删除失败：{message}',

    'add.button': '添加设施',
    'add.hint': '在地图上点击以放置新设施 — 按 Esc 取消',

    'data.heading': '数据',
    'import.button': '导入…',
    'import.title': '导入设施',
    'import.file': '文件',
    'import.fileHint': 'GeoJSON、CSV、GeoPackage 或 OSM PBF；最大 {size}',
    'import.crs': '坐标系',
    'import.crsAuto': '自动（按文件声明，默认 WGS84）',
    'import.crs4326': 'WGS84（EPSG:4326，GPS）',
    'import.crs4490': 'CGCS2000（EPSG:4490）',
    'import.crsGcj02': 'GCJ-02（高德、腾讯地图）',
    'import.crsBd09': 'BD-09（百度地图）',
    'import.crsOther': '其他 EPSG 代码…',
    'import.crsCode': 'EPSG 代码',
    'import.encoding': '字符编码',
    'import.encodingAuto': '自动',
    'import.lonColumn': '经度列名',
    'import.latColumn': '纬度列名',
    'import.columnsHint': '仅 CSV；留空则自动识别（lon/lng/经度…）',
    'import.layer': '图层名',
    'import.layerHint': '仅 GeoPackage；留空则使用第一个点图层',
    'import.submit': '上传并导入',
    'import.uploading': '正在上传 {file}…',
    'import.processing': '服务器正在处理…',
    'import.cancelled': '导入已取消。',
    'import.chooseFile': '请先选择文件',
    'import.tooLarge': '文件过大（{size}），上限为 {max}',
    'import.crsCodeInvalid': '请输入 EPSG 代码，例如 4547',
    'import.success': '已导入 {imported} 个设施（新增 {created}，更新 {updated}）',
    'import.failed': '导入失败',
    'import.nothingWritten': '整个文件未被导入，数据库未做任何更改。请修正以下问题后重新导入。',
    'import.rejectedCount': '共 {count} 处问题',
    'import.rejectedMore': '另有 {count} 处问题未列出',
    'import.row': '行',
    'import.field': '字段',
    'import.message': '问题',

    'export.label': '导出',
    'export.geojson': 'GeoJSON',
    'export.csv': 'CSV',
    'export.gpkg': 'GeoPackage',
    'export.filteredHint': '按当前筛选导出',
    'export.allHint': '导出全部设施',

    'demo.badge': '合成示例数据',
    'demo.title': '数据库为空',
    'demo.load': '加载示例数据',
    'demo.loading': '正在加载示例数据…',
    'demo.loaded': '已加载 {count} 个示例设施（合成数据）',
    'demo.failed': '示例数据加载失败：{message}',
    'demo.fallback': '可加载一组合成的示例设施，用于熟悉本工具。示例数据并非真实设施。',

    'mode.walk': '步行',
    'mode.drive': '驾车',
    'mode.ambulance': '救护车',

    'jobs.queued': '排队等待中…',
    'jobs.step': '{label}：{message}',

    'networks.heading': '路网',
    'networks.empty': '暂无路网。导入 OpenStreetMap 数据（.osm.pbf）后，即可沿实际道路计算服务圈。',
    'networks.loadFailed': '路网列表加载失败：{message}',
    'networks.stats': '{nodes} 个节点 · {edges} 条路段',
    'networks.created': '导入于 {date}',
    'networks.zoom': '缩放至路网范围',
    'networks.delete': '删除路网',
    'networks.deleteTitle': '删除路网',
    'networks.deleteMessage': '确定删除路网“{name}”？此操作无法撤销。',
    'networks.deleted': '已删除路网“{name}”',
    'networks.deleteFailed': '删除路网失败：{message}',
    'networks.importHeading': '导入路网',
    'networks.importFile': 'OpenStreetMap 数据（.osm.pbf）',
    'networks.importName': '名称（可选）',
    'networks.importNamePlaceholder': '留空则由服务器命名',
    'networks.importSubmit': '导入',
    'networks.chooseFile': '请先选择 .osm.pbf 文件',
    'networks.pbfOnly': '仅支持 OpenStreetMap PBF 文件（.osm.pbf）',
    'networks.uploading': '正在上传 {file}…',
    'networks.waiting': '等待服务器响应…',
    'networks.building': '正在构建路网',
    'networks.imported': '路网“{name}”已就绪：{nodes} 个节点，{edges} 条路段',
    'networks.importedShort': '路网已导入',
    'networks.importFailed': '路网导入失败',
    'networks.importCancelled': '路网导入已取消。',

    'access.heading': '服务缺口',
    'access.intro': '每位居民到最近设施的出行时间，以及超出阈值的区域',
    'access.network': '路网',
    'access.types': '设施类型（现有）',
    'access.mode': '出行方式',
    'access.minutes': '阈值（分钟）',
    'access.run': '计算可达性',
    'access.running': '正在计算可达性',
    'access.failed': '可达性计算失败',
    'access.within': '{minutes} 分钟内',
    'access.total': '总人口 {population}（{cells} 个格网，{facilities} 个设施）',
    'access.unreachable': '无法到达：{population} 人',
    'access.exportGaps': '导出缺口 GeoJSON',
    'access.gaps': '超过 {minutes} 分钟：{areas} 个缺口区域，{population} 人',
    'access.legend.title': '出行时间（分钟）',
    'access.legend.unreachable': '不可达',
    'access.legend.range': '{from}–{to} 分钟',
    'access.legend.more': '超过 {minutes} 分钟',
    'access.layer.surface': '出行时间面',
    'access.layer.gaps': '服务缺口',
    'access.layer.districts': '行政区指标',
    'access.noDistricts': '尚无行政区：导入行政区边界后可查看分区指标',
    'access.indicator': '指标',
    'access.indicator.population': '人口',
    'access.indicator.beds': '床位',
    'access.indicator.physicians': '医师',
    'access.indicator.bedsPer1000': '每千人床位',
    'access.indicator.physiciansPer1000': '每千人医师',
    'access.indicator.share': '可达人口占比（{target}）',
    'access.target.pass': '达标',
    'access.target.fail': '未达标',
    'access.target.unknown': '无法判断',
    'access.exportCsv': '导出指标 CSV',
    'access.noValue': '无数据',
    'access.indicator.pass': '达标情况（{target}）',
    'access.indicator.facilities': '设施数（{type}）',
    'standard.label': '规划标准',
    'standard.target': '指标',
    'standard.value': '达标值',
    'standard.valuePercent': '达标值（%）',
    'standard.minutes': '分钟',
    'standard.save': '保存',
    'standard.reset': '恢复',
    'standard.fileValue': '标准文件中的值：{value}',
    'standard.failed': '无法修改指标',
    'coverage.heading': '服务圈',
    'coverage.intro': '各设施在给定时间内可到达的范围，如“15 分钟健康服务圈”。',
    'coverage.field.network': '路网',
    'coverage.chooseNetwork': '选择路网…',
    'coverage.noNetworks': '尚无路网：请在下方“路网”中导入，或改用半径法。',
    'coverage.networkRequired': '路网法需要选择路网',
    'coverage.profileMissing': '“{name}”不支持此方式（支持：{profiles}）',
    'coverage.field.facilities': '设施',
    'coverage.sourceFilter': '按类型和状态',
    'coverage.sourcePicked': '地图上选中的设施（{count}）',
    'coverage.field.types': '类型',
    'coverage.field.statuses': '状态',
    'coverage.matching': '符合条件的设施：{count} 个',
    'coverage.noMatch': '没有符合所选类型和状态的设施',
    'coverage.chooseType': '请至少选择一种类型',
    'coverage.chooseStatus': '请至少选择一种状态',
    'coverage.pickHint': '在设施弹窗中勾选“纳入服务圈计算”，或按住 Shift 点击设施标记。',
    'coverage.pickedCount': '已选 {count} 个设施',
    'coverage.pickNone': '请先在地图上选择设施',
    'coverage.clearPicked': '清除选择',
    'coverage.include': '纳入服务圈计算',
    'coverage.field.mode': '出行方式',
    'coverage.field.method': '计算方法',
    'coverage.method.network': '路网（沿道路）',
    'coverage.method.radius': '半径（直线距离）',
    'coverage.field.minutes': '时间（分钟）',
    'coverage.minutesChip': '{minutes} 分钟',
    'coverage.minutesAdd': '添加时间',
    'coverage.minutesPlaceholder': '分钟',
    'coverage.minutesEdit': '点击修改',
    'coverage.minutesRemove': '移除 {minutes} 分钟',
    'coverage.minutesRange': '时间须为 {min}–{max} 之间的整数分钟',
    'coverage.minutesDuplicate': '已有 {minutes} 分钟',
    'coverage.minutesMax': '最多 {max} 个时间段',
    'coverage.minutesRequired': '请至少添加一个时间',
    'coverage.field.radius': '固定半径（米）',
    'coverage.field.speed': '速度（公里/小时）',
    'coverage.speedPlaceholder': '按出行方式默认',
    'coverage.radiusHint': '填写半径则只画一个该半径的范围；留空则半径 = 速度 × 时间。',
    'coverage.positive': '须为大于 0 的数',
    'coverage.field.turnout': '出车准备（分钟）',
    'coverage.turnoutHint': '接警到出发所需时间，从可用时间中扣除；救护车通常取 3 分钟。',
    'coverage.turnoutRange': '须为 0 或正数',
    'coverage.turnoutNote': '（含出车准备 {minutes} 分钟）',
    'coverage.field.merge': '范围合并',
    'coverage.merge.none': '每个设施单独',
    'coverage.merge.dissolve': '全部合并',
    'coverage.compare': '对比半径法与路网法',
    'coverage.compareHint': '同时按两种方法计算：路网结果为填色，半径结果为虚线。',
    'coverage.run': '计算',
    'coverage.computing': '正在计算服务圈',
    'coverage.computingBoth': '正在按路网与半径计算',
    'coverage.drawing': '正在绘制…',
    'coverage.noResult': '服务器未返回结果',
    'coverage.cancelled': '计算已取消。',
    'coverage.failed': '服务圈计算失败',
    'coverage.summary': '{zones} 个范围 · {facilities} 个设施 · {mode} · {method}',
    'coverage.summaryDissolved': '{zones} 个范围（已合并） · {mode} · {method}',
    'coverage.legendTitle': '出行时间',
    'coverage.legendMethod.network': '路网',
    'coverage.legendMethod.radius': '半径',
    'coverage.legendBand': '≤ {minutes} 分钟',
    'coverage.legendFixed': '半径 {meters} 米',
    'coverage.layerNetwork': '服务圈 · 路网',
    'coverage.layerRadius': '服务圈 · 半径',
    'coverage.km2': '{area} 平方千米',
    'coverage.allFacilities': '全部设施（合并）',
    'coverage.point': '点 {index}',
    'coverage.unreachable': '无法到达的设施（{count}）',
    'coverage.export.network': 'GeoJSON · 路网',
    'coverage.export.radius': 'GeoJSON · 半径',
    'coverage.clear': '清除结果',
    'coverage.col.minutes': '时间',
    'coverage.col.network': '路网',
    'coverage.col.radius': '半径',
    'coverage.col.share': '路网/半径',
    'coverage.compareNote': '面积单位为平方千米，为各范围面积之和（重叠部分重复计入）。',

    'progress.cancel': '取消',
    'error.network': '无法连接服务器',
    'error.unexpected': '服务器返回错误（{status}）',
    'error.startup': '启动失败：{message}',
    'footer.version': '版本 {version}',
  },
  en: {
    'app.name': 'CareCircle 健康服务圈',
    'app.tagline': 'Health facility planning',
    'lang.switch': 'Interface language',
    'panel.collapse': 'Collapse panel',
    'panel.expand': 'Expand panel',
    'panel.close': 'Close',
    'common.cancel': 'Cancel',
    'common.save': 'Save',
    'common.delete': 'Delete',
    'common.edit': 'Edit',
    'common.close': 'Close',
    'common.dismiss': 'Not now',
    'common.retry': 'Retry',
    'common.none': '—',
    'common.loading': 'Loading…',
    'common.listSeparator': ', ',

    'map.label': 'Map',
    'map.baseOsm': 'Online base map',
    'map.baseNone': 'No base map',
    'map.facilities': 'Health facilities',
    'map.tilesOffline': 'Base map unavailable — working offline',
    'map.tilesOfflineDetail': 'Map tiles could not be loaded; facilities and analyses still work.',
    'map.noTiles': 'No base map configured — plain background',

    'facilities.heading': 'Facilities',
    'facilities.summary': 'Showing {visible} of {total} facilities',
    'facilities.empty': 'No facilities yet. Import a file or add one on the map.',
    'facilities.loadFailed': 'Could not load facilities: {message}',
    'facilities.statusFilter': 'Status',
    'facilities.showAll': 'All',
    'facilities.showNone': 'None',
    'facilities.unknownType': 'Unknown type ({code})',

    'status.existing': 'Existing',
    'status.planned': 'Planned',
    'status.candidate': 'Candidate',
    'status.closed': 'Closed',

    'field.name': 'Name',
    'field.type': 'Type',
    'field.status': 'Status',
    'field.beds': 'Beds',
    'field.physicians': 'Physicians',
    'field.nurses': 'Nurses',
    'field.ambulances': 'Ambulances',
    'field.address': 'Address',
    'field.externalId': 'External ID',
    'field.lon': 'Longitude',
    'field.lat': 'Latitude',
    'field.attributes': 'Other attributes',
    'field.coordinates': 'Coordinates',

    'popup.edit': 'Edit',
    'popup.delete': 'Delete',

    'form.addTitle': 'Add facility',
    'form.editTitle': 'Edit facility',
    'form.coordsHint': 'WGS84 longitude/latitude; drag the marker on the map to adjust.',
    'form.required': 'Required',
    'form.nonNegativeInteger': 'Enter a whole number, 0 or more',
    'form.lonRange': 'Longitude must be between -180 and 180',
    'form.latRange': 'Latitude must be between -90 and 90',
    'form.saved': 'Saved “{name}”',
    'form.saving': 'Saving…',
    'form.saveFailed': 'Could not save',

    'delete.title': 'Delete facility',
    'delete.message': 'Delete “{name}”? This cannot be undone.',
    'delete.done': 'Deleted “{name}”',
    'delete.failed': 'Could not delete: {message}',

    'add.button': 'Add facility',
    'add.hint': 'Click on the map to place the new facility — Esc to cancel',

    'data.heading': 'Data',
    'import.button': 'Import…',
    'import.title': 'Import facilities',
    'import.file': 'File',
    'import.fileHint': 'GeoJSON, CSV, GeoPackage or OSM PBF; up to {size}',
    'import.crs': 'Coordinate system',
    'import.crsAuto': 'Automatic (from the file, else WGS84)',
    'import.crs4326': 'WGS84 (EPSG:4326, GPS)',
    'import.crs4490': 'CGCS2000 (EPSG:4490)',
    'import.crsGcj02': 'GCJ-02 (Amap, Tencent)',
    'import.crsBd09': 'BD-09 (Baidu)',
    'import.crsOther': 'Other EPSG code…',
    'import.crsCode': 'EPSG code',
    'import.encoding': 'Text encoding',
    'import.encodingAuto': 'Automatic',
    'import.lonColumn': 'Longitude column',
    'import.latColumn': 'Latitude column',
    'import.columnsHint': 'CSV only; leave empty to detect (lon, lng, 经度…)',
    'import.layer': 'Layer',
    'import.layerHint': 'GeoPackage only; empty = first point layer',
    'import.submit': 'Upload and import',
    'import.uploading': 'Uploading {file}…',
    'import.processing': 'Processing on the server…',
    'import.cancelled': 'Import cancelled.',
    'import.chooseFile': 'Choose a file first',
    'import.tooLarge': 'The file is too large ({size}); the limit is {max}',
    'import.crsCodeInvalid': 'Enter an EPSG code, e.g. 4547',
    'import.success': '{imported} imported ({created} created, {updated} updated)',
    'import.failed': 'Import failed',
    'import.nothingWritten': 'The whole file was rejected and nothing was written. Fix the problems below and import again.',
    'import.rejectedCount': '{count} problems',
    'import.rejectedMore': '{count} more problems not shown',
    'import.row': 'Row',
    'import.field': 'Field',
    'import.message': 'Problem',

    'export.label': 'Export',
    'export.geojson': 'GeoJSON',
    'export.csv': 'CSV',
    'export.gpkg': 'GeoPackage',
    'export.filteredHint': 'Exports the current filter',
    'export.allHint': 'Exports all facilities',

    'demo.badge': 'Synthetic data',
    'demo.title': 'The database is empty',
    'demo.load': 'Load demo data',
    'demo.loading': 'Loading demo data…',
    'demo.loaded': 'Loaded {count} demo facilities (synthetic data)',
    'demo.failed': 'Could not load the demo data: {message}',
    'demo.fallback': 'You can load a synthetic set of facilities to try the tool. They are not real facilities.',

    'mode.walk': 'Walk',
    'mode.drive': 'Drive',
    'mode.ambulance': 'Ambulance',

    'jobs.queued': 'Queued…',
    'jobs.step': '{label}: {message}',

    'networks.heading': 'Road networks',
    'networks.empty': 'No road networks yet. Import an OpenStreetMap extract (.osm.pbf) to compute zones along real roads.',
    'networks.loadFailed': 'Could not list the road networks: {message}',
    'networks.stats': '{nodes} nodes · {edges} edges',
    'networks.created': 'imported {date}',
    'networks.zoom': 'Zoom to the network',
    'networks.delete': 'Delete road network',
    'networks.deleteTitle': 'Delete road network',
    'networks.deleteMessage': 'Delete the road network “{name}”? This cannot be undone.',
    'networks.deleted': 'Deleted road network “{name}”',
    'networks.deleteFailed': 'Could not delete the road network: {message}',
    'networks.importHeading': 'Import a road network',
    'networks.importFile': 'OpenStreetMap extract (.osm.pbf)',
    'networks.importName': 'Name (optional)',
    'networks.importNamePlaceholder': 'Empty: named by the server',
    'networks.importSubmit': 'Import',
    'networks.chooseFile': 'Choose an .osm.pbf file first',
    'networks.pbfOnly': 'Only OpenStreetMap PBF files (.osm.pbf) can be imported',
    'networks.uploading': 'Uploading {file}…',
    'networks.waiting': 'Waiting for the server…',
    'networks.building': 'Building the network',
    'networks.imported': 'Road network “{name}” is ready: {nodes} nodes, {edges} edges',
    'networks.importedShort': 'Road network imported',
    'networks.importFailed': 'Road network import failed',
    'networks.importCancelled': 'Road network import cancelled.',

    'access.heading': 'Access gaps',
    'access.intro': 'Travel time from every resident to the nearest facility, and where it is too far',
    'access.network': 'Road network',
    'access.types': 'Facility types (existing)',
    'access.mode': 'Mode',
    'access.minutes': 'Threshold (minutes)',
    'access.run': 'Compute access',
    'access.running': 'Computing access',
    'access.failed': 'Access computation failed',
    'access.within': 'Within {minutes} min',
    'access.total': 'Population {population} ({cells} cells, {facilities} facilities)',
    'access.unreachable': 'Unreachable: {population} people',
    'access.exportGaps': 'Gaps as GeoJSON',
    'access.gaps': 'Beyond {minutes} min: {areas} gap areas, {population} people',
    'access.legend.title': 'Travel time (minutes)',
    'access.legend.unreachable': 'Unreachable',
    'access.legend.range': '{from}–{to} min',
    'access.legend.more': 'Over {minutes} min',
    'access.layer.surface': 'Travel-time surface',
    'access.layer.gaps': 'Access gaps',
    'access.layer.districts': 'District indicators',
    'access.noDistricts': 'No districts yet: import district boundaries to see indicators per district',
    'access.indicator': 'Indicator',
    'access.indicator.population': 'Population',
    'access.indicator.beds': 'Beds',
    'access.indicator.physicians': 'Physicians',
    'access.indicator.bedsPer1000': 'Beds per 1,000',
    'access.indicator.physiciansPer1000': 'Physicians per 1,000',
    'access.indicator.share': 'Access share ({target})',
    'access.target.pass': 'pass',
    'access.target.fail': 'fail',
    'access.target.unknown': 'not judged',
    'access.exportCsv': 'Indicators as CSV',
    'access.noValue': 'No value',
    'access.indicator.pass': 'Target met ({target})',
    'access.indicator.facilities': 'Facilities ({type})',
    'standard.label': 'Planning standard',
    'standard.target': 'Target',
    'standard.value': 'Pass mark',
    'standard.valuePercent': 'Pass mark (%)',
    'standard.minutes': 'Minutes',
    'standard.save': 'Save',
    'standard.reset': 'Reset',
    'standard.fileValue': 'Value in the standards file: {value}',
    'standard.failed': 'The target could not be changed',
    'coverage.heading': 'Coverage zones',
    'coverage.intro': 'Where each facility can be reached within the given minutes — the “15-minute service circle”.',
    'coverage.field.network': 'Road network',
    'coverage.chooseNetwork': 'Choose a road network…',
    'coverage.noNetworks': 'No road network yet: import one under “Road networks” below, or use the radius method.',
    'coverage.networkRequired': 'The road-network method needs a road network',
    'coverage.profileMissing': 'Not available on “{name}” (it has {profiles})',
    'coverage.field.facilities': 'Facilities',
    'coverage.sourceFilter': 'By type and status',
    'coverage.sourcePicked': 'Picked on the map ({count})',
    'coverage.field.types': 'Types',
    'coverage.field.statuses': 'Status',
    'coverage.matching': '{count} facilities match',
    'coverage.noMatch': 'No facility has the chosen types and statuses',
    'coverage.chooseType': 'Choose at least one type',
    'coverage.chooseStatus': 'Choose at least one status',
    'coverage.pickHint': 'Tick “Include in coverage” in a facility’s popup, or Shift-click its marker.',
    'coverage.pickedCount': '{count} facilities picked',
    'coverage.pickNone': 'Pick facilities on the map first',
    'coverage.clearPicked': 'Clear',
    'coverage.include': 'Include in coverage',
    'coverage.field.mode': 'Travel mode',
    'coverage.field.method': 'Method',
    'coverage.method.network': 'Road network',
    'coverage.method.radius': 'Radius (straight line)',
    'coverage.field.minutes': 'Minutes',
    'coverage.minutesChip': '{minutes} min',
    'coverage.minutesAdd': 'Add a time',
    'coverage.minutesPlaceholder': 'min',
    'coverage.minutesEdit': 'Click to change',
    'coverage.minutesRemove': 'Remove {minutes} min',
    'coverage.minutesRange': 'Minutes must be a whole number from {min} to {max}',
    'coverage.minutesDuplicate': '{minutes} min is already there',
    'coverage.minutesMax': 'At most {max} times',
    'coverage.minutesRequired': 'Add at least one time',
    'coverage.field.radius': 'Fixed radius (m)',
    'coverage.field.speed': 'Speed (km/h)',
    'coverage.speedPlaceholder': 'Mode default',
    'coverage.radiusHint': 'A fixed radius gives one zone of that radius; empty: radius = speed × minutes.',
    'coverage.positive': 'Must be a number above 0',
    'coverage.field.turnout': 'Turnout (min)',
    'coverage.turnoutHint': 'Time from call to departure, taken off the travel time; 3 min is usual for ambulances.',
    'coverage.turnoutRange': 'Must be 0 or more',
    'coverage.turnoutNote': ' (including {minutes} min turnout)',
    'coverage.field.merge': 'Zones',
    'coverage.merge.none': 'One per facility',
    'coverage.merge.dissolve': 'Dissolve all',
    'coverage.compare': 'Compare radius with road network',
    'coverage.compareHint': 'Computes both methods: road network filled, radius as dashed outlines.',
    'coverage.run': 'Compute',
    'coverage.computing': 'Computing coverage zones',
    'coverage.computingBoth': 'Computing both methods',
    'coverage.drawing': 'Drawing…',
    'coverage.noResult': 'The server returned no result',
    'coverage.cancelled': 'Computation cancelled.',
    'coverage.failed': 'Coverage zones could not be computed',
    'coverage.summary': '{zones} zones · {facilities} facilities · {mode} · {method}',
    'coverage.summaryDissolved': '{zones} zones (dissolved) · {mode} · {method}',
    'coverage.legendTitle': 'Travel time',
    'coverage.legendMethod.network': 'Network',
    'coverage.legendMethod.radius': 'Radius',
    'coverage.legendBand': '≤ {minutes} min',
    'coverage.legendFixed': '{meters} m radius',
    'coverage.layerNetwork': 'Coverage · road network',
    'coverage.layerRadius': 'Coverage · radius',
    'coverage.km2': '{area} km²',
    'coverage.allFacilities': 'All facilities (dissolved)',
    'coverage.point': 'Point {index}',
    'coverage.unreachable': 'Not reachable ({count})',
    'coverage.export.network': 'GeoJSON · road network',
    'coverage.export.radius': 'GeoJSON · radius',
    'coverage.clear': 'Clear',
    'coverage.col.minutes': 'Time',
    'coverage.col.network': 'Network',
    'coverage.col.radius': 'Radius',
    'coverage.col.share': 'Network/radius',
    'coverage.compareNote': 'Areas in km², summed over the zones (overlaps counted twice).',

    'progress.cancel': 'Cancel',
    'error.network': 'Cannot reach the server',
    'error.unexpected': 'The server answered with an error ({status})',
    'error.startup': 'Start-up failed: {message}',
    'footer.version': 'Version {version}',
  },
};

let current = initialLanguage();
const listeners = new Set();

function initialLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(stored)) {
      return stored;
    }
  } catch {
    // storage may be disabled (private mode, policy); fall through to the browser language
  }
  const browser = (navigator.language || 'en').toLowerCase();
  return browser.startsWith('zh') ? 'zh' : 'en';
}

/** The current language code, 'zh' or 'en'. */
export function getLanguage() {
  return current;
}

/** The BCP 47 tag for Intl and the lang attribute. */
export function locale() {
  return current === 'zh' ? 'zh-CN' : 'en';
}

/**
 * Switches the language, remembers it, retranslates the document and tells the listeners.
 * Unknown codes are ignored.
 */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) {
    return;
  }
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  applyTranslations(document);
  listeners.forEach((fn) => fn(lang));
}

/** Registers fn(lang) to run after every language switch; returns a function that unregisters it. */
export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * The string for key in the current language, with {name} placeholders replaced from params.
 * Numbers in params are formatted for the locale. A missing key shows as the key itself so it is
 * noticed rather than silently blank.
 */
export function t(key, params = {}) {
  const text = DICTIONARIES[current][key] ?? DICTIONARIES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) {
      return whole;
    }
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

/** A catalogue entry's name ({nameZh, nameEn}) in the current language. */
export function localName(entry) {
  if (!entry) {
    return '';
  }
  return (current === 'zh' ? entry.nameZh : entry.nameEn) || entry.nameEn || entry.nameZh || entry.code || '';
}

/** Formats a number for the current locale; null/undefined/NaN become the "none" dash. */
export function formatNumber(value, options) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return DICTIONARIES[current]['common.none'];
  }
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** An ISO 8601 instant as a date in the current locale ("2026年11月22日", "Nov 22, 2026"). */
export function formatDate(value) {
  const date = new Date(value);
  if (value === null || value === undefined || Number.isNaN(date.getTime())) {
    return String(value ?? DICTIONARIES[current]['common.none']);
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

/** A byte count as "200 MB" / "1.5 GB" (binary multiples, which is how upload limits are set). */
export function formatBytes(bytes) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/** Translates root and every element below it that carries a data-i18n* attribute. */
export function applyTranslations(root) {
  if (root === document) {
    document.documentElement.lang = locale();
    document.title = t('app.name');
  }
  const translate = (selector, apply) => {
    if (root !== document && root.matches(selector)) {
      apply(root);
    }
    root.querySelectorAll(selector).forEach(apply);
  };
  translate('[data-i18n]', (el) => {
    el.textContent = t(el.dataset.i18n, el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : {});
  });
  translate('[data-i18n-title]', (el) => {
    el.title = t(el.dataset.i18nTitle);
  });
  translate('[data-i18n-placeholder]', (el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  translate('[data-i18n-aria-label]', (el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  });
}
