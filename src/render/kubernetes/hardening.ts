import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import type { IVolume } from "kubernetes-models/v1/Volume";
import { readYamlTemplate } from "../templates.js";

type Defaults = {
  podSecurityContext: IPodSecurityContext;
  containerSecurityContext: ISecurityContext;
  tmpVolume: IVolume;
  namespaceLabels: Record<string, string>;
};

/** The hardening defaults in templates/kubernetes/defaults.yaml. */
export const defaults = (): Defaults => readYamlTemplate<Defaults>("kubernetes/defaults.yaml");

export function harden(c: IContainer, d: Defaults): IContainer {
  return {
    ...c,
    imagePullPolicy: "IfNotPresent",
    securityContext: { ...d.containerSecurityContext, ...c.securityContext },
    volumeMounts: [...(c.volumeMounts ?? []), { name: d.tmpVolume.name, mountPath: "/tmp" }],
  };
}
