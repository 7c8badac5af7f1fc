export { CatalogItem, CatalogVariable, FulfilmentTaskTemplate } from './catalog-item.schema';
export {
  defineCatalogItem,
  safeDefineCatalogItem,
  validateRequestVariables,
  safeValidateRequestVariables,
  type VariableValue,
} from './request-variables';
