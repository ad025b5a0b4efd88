"""What is derived from one evaluated question: the compare document, costs, sensitivity, the balance view."""
