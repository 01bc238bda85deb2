/**
 * The facility type catalogue (GET /api/facility-types, authored in geodata/facility-types.yaml):
 * type codes with their names, colour, icon and legend group. The catalogue's order is kept for
 * legends and selects, so editing the YAML reorders the UI.
 */
import { localName, t } from './i18n.js';

/** Colour and icon for a facility whose type is missing from the catalogue (renamed or removed). */
const UNKNOWN_TYPE_STYLE = { color: '#969696', icon: 'cross', group: 'other' };

/** The facility statuses the backend accepts, in display order. */
export const STATUSES = ['existing', 'planned', 'candidate', 'closed'];

export class Catalogue {
  constructor({ groups = [], types = [] } = {}) {
    this.groups = groups;
    this.types = types;
    this.typeByCode = new Map(types.map((type) => [type.code, type]));
    this.groupByCode = new Map(groups.map((group) => [group.code, group]));
  }

  /** The catalogue entry for code, or a grey stand-in named after the code. */
  type(code) {
    return this.typeByCode.get(code) || { ...UNKNOWN_TYPE_STYLE, code, unknown: true };
  }

  /** The localized name of a type code; unknown codes read "Unknown type (code)". */
  typeName(code) {
    const type = this.typeByCode.get(code);
    return type ? localName(type) : t('facilities.unknownType', { code: code ?? '' });
  }

  groupName(code) {
    return localName(this.groupByCode.get(code)) || code;
  }

  /**
   * Types grouped in catalogue order: [{group, types: [...]}], leaving out empty groups. With
   * `codes`, only those types (plus a stand-in for each code the catalogue does not know).
   */
  grouped(codes) {
    const wanted = codes ? new Set(codes) : null;
    const unknown = wanted ? [...wanted].filter((code) => !this.typeByCode.has(code)) : [];
    const groupCodes = this.groups.map((group) => group.code);
    this.types.forEach((type) => {
      if (!groupCodes.includes(type.group)) {
        groupCodes.push(type.group);
      }
    });
    if (unknown.length && !groupCodes.includes(UNKNOWN_TYPE_STYLE.group)) {
      groupCodes.push(UNKNOWN_TYPE_STYLE.group);
    }
    return groupCodes
      .map((groupCode) => {
        const types = this.types.filter((type) => type.group === groupCode && (!wanted || wanted.has(type.code)));
        if (groupCode === UNKNOWN_TYPE_STYLE.group) {
          unknown.forEach((code) => types.push(this.type(code)));
        }
        return { group: this.groupByCode.get(groupCode) || { code: groupCode, nameZh: groupCode, nameEn: groupCode }, types };
      })
      .filter((entry) => entry.types.length > 0);
  }
}
