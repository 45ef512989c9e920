// Package org is the organisation of a district government: its
// administrative divisions (district → streets → communities and villages →
// grid cells), its departments, its service points (district centre, street
// centres, department sub-centres, community stations) and the staff posts
// that place people in those units.
//
// The package is multi-tenant by district code: ImportDivisions loads any
// district from the embedded official division lists (or a folder of the
// same files), and SeedQixia adds the reference data of the model district,
// 栖霞区 (320113): 27 departments, 137 service points and grid cells.
//
// Streets, communities, departments and service points are public: residents
// pick their community and their pickup point before signing in. Grids and
// staff posts are for staff within their scope, and every change is checked
// against the actor's grants and recorded in the audit log in the same
// transaction.
package org
