"""Organisation (机构): departments, people, roles, confidentiality pledges, working-time policy."""
