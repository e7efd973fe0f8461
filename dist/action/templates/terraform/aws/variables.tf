# Set by w3o in terraform.tfvars.json, from the infra repo's nodes.
variable "cluster_name" {
  type        = string
  description = "EKS cluster name: the nodes' target.cluster."
}

variable "kubernetes_version" {
  type        = string
  description = "EKS control plane version; the rendered manifests are validated against this minor's schema."
  default     = "1.33"
}

variable "node_groups" {
  type = map(object({
    instance_types = list(string)
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gb   = number
    labels         = map(string)
  }))
  description = "Managed node groups, one per blockchain node, sized from its resources and replicas."
}

variable "storage_classes" {
  type        = list(string)
  description = "StorageClass names the nodes' volumes use; each becomes an encrypted EBS gp3 class."
}

variable "gp3_iops" {
  type        = number
  description = "Provisioned IOPS of gp3 volumes (chain databases are IOPS-bound; 3000 is the gp3 baseline)."
  default     = 10000
}

variable "gp3_throughput" {
  type        = number
  description = "Provisioned throughput of gp3 volumes in MiB/s."
  default     = 500
}

variable "tags" {
  type        = map(string)
  description = "Tags on every AWS resource."
  default     = {}
}

# Not in the infra repo: supplied per account, e.g. TF_VAR_region.
variable "region" {
  type        = string
  description = "AWS region of the cluster."
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR of the cluster's VPC."
  default     = "10.42.0.0/16"
}
