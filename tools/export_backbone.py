#!/usr/bin/env python3
"""Export a pretrained ImageNet backbone to TorchScript for CADA Inspect.

The exported module maps a normalised N x 3 x H x W float tensor (ImageNet mean/std, which is
CADA Inspect's default input normalisation for TorchScript backbones) to a list of three feature
maps [layer1, layer2, layer3] (strides 4, 8, 16): a ResNet truncated after layer3, as PatchCore
and Reverse Distillation use it.

Run it where torch and torchvision (and their weights) are available:

    python3 tools/export_backbone.py --arch wide_resnet50_2 --out wrn50.pt
    python3 tools/export_backbone.py --arch resnet18 --out resnet18.pt

then train with:  cada train --data DIR --out model.cada --backbone wrn50.pt
"""
import argparse
from typing import List

import torch
import torchvision


class Truncated(torch.nn.Module):
    def __init__(self, net: torch.nn.Module):
        super().__init__()
        self.stem = torch.nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool)
        self.layer1, self.layer2, self.layer3 = net.layer1, net.layer2, net.layer3

    def forward(self, x: torch.Tensor) -> List[torch.Tensor]:
        x = self.stem(x)
        f1 = self.layer1(x)
        f2 = self.layer2(f1)
        f3 = self.layer3(f2)
        return [f1, f2, f3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--arch", choices=["resnet18", "wide_resnet50_2"], default="wide_resnet50_2")
    parser.add_argument("--out", required=True, help="TorchScript file to write (.pt)")
    parser.add_argument("--size", type=int, default=256, help="probe input size for the check")
    args = parser.parse_args()

    weights = {"resnet18": torchvision.models.ResNet18_Weights.IMAGENET1K_V1,
               "wide_resnet50_2": torchvision.models.Wide_ResNet50_2_Weights.IMAGENET1K_V1}[args.arch]
    net = getattr(torchvision.models, args.arch)(weights=weights).eval()
    module = torch.jit.script(Truncated(net).eval())
    with torch.no_grad():
        shapes = [tuple(t.shape) for t in module(torch.zeros(1, 3, args.size, args.size))]
    module.save(args.out)
    print(f"wrote {args.out}: outputs {shapes}")


if __name__ == "__main__":
    main()
