import type { IContainer } from "kubernetes-models/v1/Container";
import type { IVolume } from "kubernetes-models/v1/Volume";

export const JWT_DIR = "/secrets/jwt";
export const JWT = `${JWT_DIR}/jwt.hex`;

/** busybox for `od` and `/dev/urandom`: pinned, like every client image. */
export const JWT_INIT_IMAGE = "busybox:1.37.0";

/**
 * The shell line the init container runs: 32 random bytes as 64 hex characters, written only
 * for its own uid (both clients run as the same one). Kept idempotent: init containers run
 * again when the pod sandbox restarts, and the clients restart with it.
 */
export const jwtCommand = (file = JWT) =>
  `umask 077 && test -s ${file} || head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \\n' > ${file}`;

export type EngineJwt = { volume: IVolume; initContainers: IContainer[]; secret?: { name: string; key: string; purpose: string } };

/**
 * Where the Engine API JWT comes from. Both clients run in one pod, so by default an init
 * container generates it into an in-memory emptyDir: nothing to create beforehand, no
 * secret in git or in etcd, and a fresh one per pod (both clients restart together).
 * A named Secret (`engine.jwtSecret.secretName`) is mounted instead, for a JWT managed elsewhere.
 */
export function engineJwt(secretName: string | undefined): EngineJwt {
  if (secretName) {
    return {
      volume: { name: "jwt", secret: { secretName, defaultMode: 0o440, items: [{ key: "jwt.hex", path: "jwt.hex" }] } },
      initContainers: [],
      secret: {
        name: secretName,
        key: "jwt.hex",
        purpose: "Engine API JWT shared by the execution and consensus clients (32 random bytes, hex)",
      },
    };
  }
  return {
    volume: { name: "jwt", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
    initContainers: [
      {
        name: "engine-jwt",
        image: JWT_INIT_IMAGE,
        command: ["sh", "-c", jwtCommand()],
        resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "32Mi" } },
        volumeMounts: [{ name: "jwt", mountPath: JWT_DIR }],
      },
    ],
  };
}
