/**
 * `hubspoke/cdktf`: hubspoke VPNs inside cdktf (or cdktn) `TerraformStack`s, deployed to IOS-XE
 * with the CiscoDevNet/iosxe provider. See docs/cdktf.md.
 * @packageDocumentation
 */
export { IosXeDeployment } from './iosxe-deployment.js';
export type { IosXeDeploymentProps, IosXeDevice, IosXeCredentials } from './iosxe-deployment.js';
export { resolveCdktfModule, isCdktfModule, CDKTF_PACKAGE_NAMES } from './cdktf-module.js';
export type {
  CdktfModule,
  CdktfAspect,
  CdktfDependable,
  CdktfElementInstance,
  CdktfProviderInstance,
  CdktfResourceInstance,
  CdktfVariableInstance,
  CdktfProviderGeneratorMetadata,
} from './cdktf-module.js';
export { iosxeClasses, IOSXE_PROVIDER_SOURCE, IOSXE_PROVIDER_VERSION } from './iosxe-resources.js';
export type {
  IosxeClasses,
  IosxeProviderConfig,
  IosxeCliConfig,
  IosxeTypedConfig,
  IosxeDeviceEntry,
} from './iosxe-resources.js';
export { keyFingerprint, isKeyFingerprint, KEY_FINGERPRINT_PREFIX } from './key-fingerprint.js';
export { toIosxeCli } from './cli-text.js';
export { SECRETS_FILE_NAME } from './secrets-file.js';
