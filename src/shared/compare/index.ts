/** Comparing one country across two editions of a report: the module's public API. */
export {
  compareAll,
  compareCountry,
  countriesIn,
  countriesInBoth,
  CountryNotFoundError,
  narrativeOf,
  type ChangeType,
  type CompareOptions,
  type CompareSide,
  type CountryComparison,
  type PassageRef,
  type SectionChange,
  type SectionComparison,
} from './compare';
export { comparisonJson } from './compare-json';
export { comparisonToHtml, comparisonToMarkdown } from './brief';
export {
  carryForward,
  planCarryForward,
  type CarriedFinding,
  type CarryForwardOptions,
  type CarryPlanItem,
  type CarryPlanOptions,
  type TextRange,
} from './carry-forward';
export { findingLineage, type LineageStep } from './lineage';
export { recommendationMatrix, type MatrixCell, type MatrixRow, type MatrixStatus, type RecommendationMatrix } from './recommendation-matrix';
export { countriesAcross, countryTimeline, editionOrder, type CountryTimeline, type TimelineEntry } from './timeline';
export { compareFigures, figureDelta, figureValue, type FigureDelta, type FigureRow, type FigureValue } from './figure-changes';
export { trackRecommendations, type RecommendationRef, type RecommendationTracker } from './recommendation-tracker';
export { isSignificantChange, significantDifferences } from './significance';
export { MIN_REWORDED_SIMILARITY, passageSimilarity, wordSimilarity } from './similarity';
export { tierChange, tierFromText, tierRank, type TierChange } from './tier';
export type { WordChange } from './align';
export { sideBySide, type CellMark, type CellRun, type SideBySideRow, type SideBySideSection, type SideCell } from './side-by-side';
