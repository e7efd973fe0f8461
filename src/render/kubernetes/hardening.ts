import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";

/** An unprivileged uid/gid no client image reserves; fsGroup makes the data volume writable for it. */
export const RUN_AS = 10001;

export const podSecurityContext: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: RUN_AS,
  runAsGroup: RUN_AS,
  fsGroup: RUN_AS,
  fsGroupChangePolicy: "OnRootMismatch",
  seccompProfile: { type: "RuntimeDefault" },
};

export const containerSecurityContext: ISecurityContext = {
  runAsNonRoot: true,
  runAsUser: RUN_AS,
  runAsGroup: RUN_AS,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/** A writable /tmp on an emptyDir: with a read-only root filesystem, clients still need scratch space. */
export const TMP_VOLUME = { name: "tmp", emptyDir: { sizeLimit: "1Gi" } };

export function harden(c: IContainer): IContainer {
  return {
    ...c,
    imagePullPolicy: "IfNotPresent",
    securityContext: { ...containerSecurityContext, ...c.securityContext },
    volumeMounts: [...(c.volumeMounts ?? []), { name: "tmp", mountPath: "/tmp" }],
  };
}
