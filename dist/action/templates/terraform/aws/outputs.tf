output "cluster_name" {
  description = "Name of the EKS cluster (register it in Argo CD under this name)."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64 CA certificate of the API server."
  value       = module.eks.cluster_certificate_authority_data
}

output "node_groups" {
  description = "Managed node groups by name."
  value       = { for k, g in module.eks.eks_managed_node_groups : k => g.node_group_id }
}

output "storage_classes" {
  description = "StorageClasses created for the nodes' volumes."
  value       = [for s in kubernetes_storage_class_v1.gp3 : s.metadata[0].name]
}

output "vpc_id" {
  description = "VPC of the cluster."
  value       = module.vpc.vpc_id
}
