/** Comparing one country across two editions of a report: the module's public API. */
export {
  compareAll,
  compareCountry,
  countriesInBoth,
  CountryNotFoundError,
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
export { carryForward, type CarriedFinding } from './carry-forward';
export { compareFigures, figureDelta, type FigureDelta, type FigureRow, type FigureValue } from './figure-changes';
export { trackRecommendations, type RecommendationRef, type RecommendationTracker } from './recommendation-tracker';
export { isSignificantChange, significantDifferences } from './significance';
export { MIN_REWORDED_SIMILARITY, passageSimilarity, wordSimilarity } from './similarity';
export { tierChange, tierFromText, tierRank, type TierChange } from './tier';
export type { WordChange } from './align';
