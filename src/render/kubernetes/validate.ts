import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import type { Model as KModel } from "@kubernetes-models/base";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { BaseError } from "../../errors/index.js";

/**
 * Schemas come from `kubernetes-models` 4.5 (generated from the Kubernetes v1.33.0 OpenAPI
 * spec, compiled to ajv validators) and its CRD packages: prometheus-operator, KEDA, Argo CD.
 */
export const KUBERNETES_SCHEMA_VERSION = "v1.33.0";

type ModelClass = new (data: never) => KModel<unknown>;
const MODELS: Record<string, ModelClass> = Object.fromEntries(
  (
    [
      StatefulSet,
      Service,
      ServiceAccount,
      Namespace,
      NetworkPolicy,
      PodDisruptionBudget,
      HorizontalPodAutoscaler,
      StorageClass,
      PodMonitor,
      ServiceMonitor,
      PrometheusRule,
      ScaledObject,
      Application,
    ] as unknown as (ModelClass & { apiVersion: string; kind: string })[]
  ).map((m) => [`${m.apiVersion}/${m.kind}`, m]),
);

export type SchemaProblem = { object: string; message: string };

export class RenderedSchemaError extends BaseError {
  override name = "RenderedSchemaError";
}

/** Every problem of every object; an object of a kind without a schema is itself a problem. */
export function validateObjects(
  objects: readonly { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } }[],
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const o of objects) {
    const id = `${o.apiVersion}/${o.kind} ${o.metadata?.name}`;
    const Model = MODELS[`${o.apiVersion}/${o.kind}`];
    if (!Model) {
      problems.push({ object: id, message: "no schema known for this apiVersion/kind" });
      continue;
    }
    try {
      new Model(o as never).validate();
    } catch (e) {
      problems.push({ object: id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return problems;
}

export function assertValidObjects(objects: Parameters<typeof validateObjects>[0]): void {
  const problems = validateObjects(objects);
  if (problems.length > 0) {
    throw new RenderedSchemaError(
      `${problems.length} rendered object(s) do not match the Kubernetes ${KUBERNETES_SCHEMA_VERSION} schema.`,
      {
        metaMessages: problems.map((p) => `${p.object}: ${p.message}`),
        hint: "This is a bug in a renderer: please report it with the node definition.",
      },
    );
  }
}
