data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 3)
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.13"

  name            = var.cluster_name
  cidr            = var.vpc_cidr
  azs             = local.azs
  private_subnets = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 4, i)]
  public_subnets  = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 8, 48 + i)]

  enable_nat_gateway = true
  single_nat_gateway = false

  # Public subnets take internet-facing load balancers (P2P); private ones internal ones.
  public_subnet_tags  = { "kubernetes.io/role/elb" = "1" }
  private_subnet_tags = { "kubernetes.io/role/internal-elb" = "1" }
}

module "ebs_csi_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  version = "~> 5.46"

  role_name             = "${var.cluster_name}-ebs-csi"
  attach_ebs_csi_policy = true
  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["kube-system:ebs-csi-controller-sa"]
    }
  }
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.24"

  cluster_name    = var.cluster_name
  cluster_version = var.kubernetes_version

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  cluster_endpoint_public_access           = false
  enable_cluster_creator_admin_permissions = true

  cluster_addons = {
    coredns                = {}
    kube-proxy             = {}
    vpc-cni                = { before_compute = true, configuration_values = jsonencode({ enableNetworkPolicy = "true" }) }
    eks-pod-identity-agent = {}
    aws-ebs-csi-driver     = { service_account_role_arn = module.ebs_csi_irsa.iam_role_arn }
  }

  eks_managed_node_groups = {
    for name, g in var.node_groups : name => {
      instance_types = g.instance_types
      min_size       = g.min_size
      max_size       = g.max_size
      desired_size   = g.desired_size
      labels         = g.labels
      block_device_mappings = {
        root = {
          device_name = "/dev/xvda"
          ebs         = { volume_size = g.disk_size_gb, volume_type = "gp3", encrypted = true, delete_on_termination = true }
        }
      }
      metadata_options = { http_tokens = "required", http_put_response_hop_limit = 1 }
    }
  }
}

# Chain data lives on EBS gp3 volumes provisioned by the CSI driver for each PVC.
resource "kubernetes_storage_class_v1" "gp3" {
  for_each = toset(var.storage_classes)

  metadata {
    name = each.value
  }
  storage_provisioner    = "ebs.csi.aws.com"
  reclaim_policy         = "Retain"
  volume_binding_mode    = "WaitForFirstConsumer"
  allow_volume_expansion = true
  parameters = {
    type       = "gp3"
    encrypted  = "true"
    iops       = tostring(var.gp3_iops)
    throughput = tostring(var.gp3_throughput)
    fsType     = "ext4"
  }

  depends_on = [module.eks]
}
